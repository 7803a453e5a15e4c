import Dispatch
import Foundation
import PathvarCore

/// Ctrl-C or a scheduler's SIGTERM in the middle of a long audit: say so, remove the
/// half-written staging folder, and exit non-zero. The previous reports in `--out` are never
/// touched before the final swap, so they stay exactly as they were.
enum Interruption {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        // A file-size limit must surface as a write error (EFBIG), not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        for (number, name, status) in [(SIGINT, "interrupted", Int32(130)), (SIGTERM, "terminated", Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for folder in ReportFolder.stagingFoldersInUse { try? FileManager.default.removeItem(atPath: folder) }
                if Terminal.standardErrorIsTerminal { Terminal.standardErrorRaw("\r\u{1B}[K") }
                Terminal.standardError(
                    "pathvar: \(name): no reports were written; any previous reports were left as they were")
                _exit(status)
            }
            source.resume()
            sources.append(source)
        }
    }
}
