import Foundation
import PathvarCore

/// A single self-overwriting line on stderr while a large log is read: how much, how fast,
/// and (for an uncompressed file) how long is left. Only on a terminal: never in a pipe, a
/// log file or CI.
final class ProgressLine: @unchecked Sendable {
    private let start = Date()
    private let totalBytes: Int?
    private let lock = NSLock()
    private var lastDrawn = Date.distantPast
    private var drawn = false

    init(logPath: String) {
        if logPath != "-", !logPath.lowercased().hasSuffix(".gz"),
            let size = (try? FileManager.default.attributesOfItem(atPath: logPath))?[.size] as? Int, size > 0
        {
            totalBytes = size
        } else {
            totalBytes = nil
        }
    }

    static func make(logPath: String, quiet: Bool) -> ProgressLine? {
        quiet || !Terminal.standardErrorIsTerminal ? nil : ProgressLine(logPath: logPath)
    }

    func update(_ statistics: ReadStatistics) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
            lastDrawn = now
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let megabytes = Double(statistics.bytesRead) / 1_000_000
            let rate = Double(statistics.rowsRead) / elapsed
            var line =
                "reading: \(ReportNumberText.fixed(megabytes, 1)) MB, \(statistics.rowsRead) events, "
                + "\(ReportNumberText.fixed(rate / 1_000_000, 2)) M events/s"
            if let totalBytes, statistics.bytesRead > 0 {
                let left = elapsed * Double(totalBytes - statistics.bytesRead) / Double(statistics.bytesRead)
                line += ", about \(Int(left.rounded(.up))) s left"
            }
            Terminal.standardErrorRaw("\r\u{1B}[K" + line)
            drawn = true
        }
    }

    /// Clears the line before the run's summary is printed.
    func finish() {
        lock.withLock {
            if drawn { Terminal.standardErrorRaw("\r\u{1B}[K") }
        }
    }
}

enum ReportNumberText {
    static func fixed(_ value: Double, _ places: Int) -> String { ReportNumber.fixed(value, places: places) }
}
