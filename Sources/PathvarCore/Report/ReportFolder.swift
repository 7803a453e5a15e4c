import CSystemSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a set of report files so that readers only ever see a complete set.
///
/// Files go to a staging folder beside the destination; `commit()` then swaps it into
/// place in one step (Linux `renameat2` with `RENAME_EXCHANGE`), so a failed, full-disk or
/// interrupted run leaves the previous reports exactly as they were.
public struct ReportFolder {
    public let destination: String
    public let staging: String
    private var committed = false

    /// Staging folders being written right now, so that an interrupted run can remove them
    /// before it exits (the previous reports are never touched until the final swap).
    private static let active = ActiveFolders()

    public static var stagingFoldersInUse: [String] { active.paths }

    /// Creates the staging folder; fails with a diagnostic naming the folder if it cannot.
    public init(destination: String) throws(DiagnosticError) {
        var path = destination
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.destination = path
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        staging = parent + "/.\(url.lastPathComponent).partial-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging) { try FileManager.default.removeItem(atPath: staging) }
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
            Self.active.insert(staging)
        } catch {
            throw DiagnosticError(
                .error("cannot create the report folder: \(Self.reason(error))", at: SourceLocation(file: path)))
        }
    }

    /// Writes one file into the staging folder, checking every byte reached the disk.
    public func write(_ name: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        try write(name) { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in try emit(bytes) }
    }

    /// Writes one file into the staging folder piece by piece, as `produce` hands the pieces
    /// over, so that a large file never has to be held in memory whole.
    public func write(
        _ name: String,
        _ produce: (_ emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) {
        let path = staging + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(name, errno) }
        var failedErrno: Int32 = 0
        do {
            try produce { (bytes: [UInt8]) throws(DiagnosticError) in
                let code = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
                if code != 0 { throw failure(name, code) }
            }
        } catch {
            close(descriptor)
            throw error
        }
        if fsync(descriptor) != 0 && errno != EINVAL { failedErrno = errno }
        if close(descriptor) != 0 && failedErrno == 0 { failedErrno = errno }
        if failedErrno != 0 { throw failure(name, failedErrno) }
    }

    public func write(_ name: String, _ text: String) throws(DiagnosticError) {
        try write(name, Array(text.utf8))
    }

    /// Puts the staged files in place of the destination's, all at once.
    public mutating func commit() throws(DiagnosticError) {
        let location = SourceLocation(file: destination)
        defer { Self.active.remove(staging) }
        if FileManager.default.fileExists(atPath: destination) {
            if pathvar_exchange_paths(staging, destination) != 0 {
                // No atomic exchange here (an old kernel or a filesystem without it): move the
                // old reports aside first, so that they survive if the second rename fails.
                let aside = staging + ".previous"
                guard rename(destination, aside) == 0 else {
                    let reason = String(cString: strerror(errno))
                    throw DiagnosticError(.error("cannot replace the previous reports: \(reason)", at: location))
                }
                guard rename(staging, destination) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(aside, destination)
                    throw DiagnosticError(.error("cannot move the reports into place: \(reason)", at: location))
                }
                try? FileManager.default.removeItem(atPath: aside)
                committed = true
                return
            }
            // The staging path now holds the previous reports.
            try? FileManager.default.removeItem(atPath: staging)
        } else {
            guard rename(staging, destination) == 0 else {
                let reason = String(cString: strerror(errno))
                throw DiagnosticError(.error("cannot move the reports into place: \(reason)", at: location))
            }
        }
        committed = true
    }

    /// Writes one file so that readers see either the old file or the complete new one.
    public static func writeFileAtomically(_ path: String, _ bytes: [UInt8]) throws(DiagnosticError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).partial-\(getpid())"
        ).path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DiagnosticError(
                .error("cannot write: \(String(cString: strerror(errno)))", at: SourceLocation(file: path)))
        }
        var failure = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
        if failure == 0 && fsync(descriptor) != 0 && errno != EINVAL { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw DiagnosticError(
                .error("cannot write: \(String(cString: strerror(failure)))", at: SourceLocation(file: path)))
        }
    }

    /// Removes the staging folder of a run that did not complete.
    public func discard() {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
        Self.active.remove(staging)
    }

    private func failure(_ name: String, _ code: Int32) -> DiagnosticError {
        let reason = String(cString: strerror(code))
        return DiagnosticError(
            .error(
                "cannot write \(name): \(reason); the previous reports were left as they were",
                at: SourceLocation(file: destination)))
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}

/// The set of staging folders in use, shared with a signal handler's thread.
private final class ActiveFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var folders: Set<String> = []

    func insert(_ path: String) { lock.withLock { _ = folders.insert(path) } }

    func remove(_ path: String) { lock.withLock { _ = folders.remove(path) } }

    var paths: [String] { lock.withLock { folders.sorted() } }
}
