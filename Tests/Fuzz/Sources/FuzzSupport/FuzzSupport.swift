import Foundation
@_exported import PathvarCore

/// Shared by the fuzz targets: readers take a path, so each input is written to a file in
/// memory-backed `/dev/shm` (or the temporary folder) that the reader then opens.
public enum FuzzInput {
    public static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/pathvar-fuzz-\(getpid())"
    }()

    public static func write(_ data: UnsafePointer<UInt8>, _ size: Int, suffix: String) -> String {
        let file = path + suffix
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(descriptor >= 0, "cannot write the fuzz input")
        var written = 0
        while written < size {
            let count = Foundation.write(descriptor, data + written, size - written)
            precondition(count > 0, "cannot write the fuzz input")
            written += count
        }
        close(descriptor)
        return file
    }

    /// Reads a whole log, checking the accounting invariant: every row is accepted or rejected.
    public static func readAll<Reader: CaseReader & ~Copyable>(_ reader: inout Reader) {
        var events = 0
        do {
            while let logCase = try reader.nextCase() {
                events += logCase.events.count
                precondition(logCase.events.count > 0, "a case without events")
                for index in logCase.events.indices.dropFirst() {
                    precondition(
                        logCase.events[index - 1].time <= logCase.events[index].time, "events out of time order")
                }
            }
            let statistics = reader.statistics
            precondition(statistics.rowsRead == statistics.rowsAccepted + statistics.rowsRejected, "rows lost")
            precondition(events == statistics.rowsAccepted, "accepted rows and events disagree")
        } catch {
            // A diagnostic is a correct answer to bad input; it must name the file.
            precondition(error.diagnostics.allSatisfy { !$0.message.isEmpty }, "an empty diagnostic")
        }
    }
}
