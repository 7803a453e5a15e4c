#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written through a large buffer, for generated logs of gigabytes.
///
/// Owns its descriptor; `close()` reports any failure (a full disk shows up there at the
/// latest), and `deinit` closes it if the caller did not.
public struct OutputFile: ~Copyable {
    public let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var closed = false
    private static let capacity = 1 << 20

    /// Creates (or truncates) `path`; `-` writes to standard output.
    public init(path: String) throws(DiagnosticError) {
        self.path = path
        if path == "-" {
            descriptor = 1
        } else {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw DiagnosticError(
                    .error(
                        "cannot create the file: \(String(cString: strerror(errno)))", at: SourceLocation(file: path)))
            }
        }
        buffer.reserveCapacity(Self.capacity)
    }

    deinit {
        if !closed && descriptor != 1 { Glibc.close(descriptor) }
    }

    public mutating func write(_ text: String) throws(DiagnosticError) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.capacity { try flush() }
    }

    public mutating func write(bytes: some Sequence<UInt8>) throws(DiagnosticError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.capacity { try flush() }
    }

    public mutating func flush() throws(DiagnosticError) {
        let failure = buffer.withUnsafeBytes { writeAll(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
        if failure != 0 {
            throw DiagnosticError(
                .error("cannot write: \(String(cString: strerror(failure)))", at: SourceLocation(file: path)))
        }
    }

    public mutating func close() throws(DiagnosticError) {
        try flush()
        closed = true
        if descriptor != 1 && Glibc.close(descriptor) != 0 {
            throw DiagnosticError(
                .error("cannot write: \(String(cString: strerror(errno)))", at: SourceLocation(file: path)))
        }
    }
}
