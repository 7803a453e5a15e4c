import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a log, from a file or standard input, gunzipped on the fly when they are
/// gzip (recognised by the magic bytes, whatever the file is called).
///
/// Owns its file descriptor and zlib stream; both are released when it goes out of scope.
public struct ByteSource: ~Copyable {
    /// The name used in diagnostics: the path, or `<stdin>` for `-`.
    public let displayName: String
    public let isStandardInput: Bool
    public private(set) var isCompressed = false
    /// Bytes taken from the file itself (compressed bytes for a `.gz`), for progress.
    public private(set) var rawBytesRead = 0

    private let descriptor: Int32
    private let raw: UnsafeMutableRawBufferPointer
    private var rawStart = 0
    private var rawEnd = 0
    private var rawAtEnd = false
    private var stream: UnsafeMutablePointer<z_stream>?
    private var streamEnded = false

    private static let rawCapacity = 1 << 20

    /// Opens `path` (`-` for standard input).
    public init(path: String) throws(DiagnosticError) {
        let displayName = path == "-" ? "<stdin>" : path
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                throw DiagnosticError(.error("cannot open the log: \(reason)", at: SourceLocation(file: path)))
            }
            var info = stat()
            if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw DiagnosticError(.error("is a folder, not a log file", at: SourceLocation(file: path)))
            }
        }
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.rawCapacity, alignment: 16)
        // Peek at the first bytes to recognise gzip.
        var peeked = 0
        var atEnd = false
        while peeked < 2 && !atEnd {
            let count = Glibc.read(fd, raw.baseAddress! + peeked, raw.count - peeked)
            if count < 0 && errno == EINTR { continue }
            if count < 0 {
                let reason = String(cString: strerror(errno))
                raw.deallocate()
                if path != "-" { close(fd) }
                throw DiagnosticError(.error("cannot read the log: \(reason)", at: SourceLocation(file: displayName)))
            }
            if count == 0 { atEnd = true }
            peeked += count
        }
        var stream: UnsafeMutablePointer<z_stream>? = nil
        if peeked >= 2 && raw[0] == 0x1F && raw[1] == 0x8B {
            let created = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            created.initialize(to: z_stream())
            // 16 + MAX_WBITS: expect a gzip header and trailer.
            guard pathvar_inflateInit2(created, 16 + MAX_WBITS) == Z_OK else {
                created.deallocate()
                raw.deallocate()
                if path != "-" { close(fd) }
                throw DiagnosticError(.error("cannot start gzip decompression", at: SourceLocation(file: displayName)))
            }
            stream = created
        }
        self.displayName = displayName
        self.isStandardInput = path == "-"
        self.descriptor = fd
        self.raw = raw
        self.rawEnd = peeked
        self.rawAtEnd = atEnd
        self.rawBytesRead = peeked
        self.stream = stream
        self.isCompressed = stream != nil
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        raw.deallocate()
        if !isStandardInput { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes of the (decompressed) log; 0 means the end.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DiagnosticError) -> Int {
        guard buffer.count > 0 else { return 0 }
        guard let stream else {
            if rawStart == rawEnd {
                if rawAtEnd { return 0 }
                try fillRaw()
                if rawStart == rawEnd { return 0 }
            }
            let count = min(buffer.count, rawEnd - rawStart)
            buffer.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: count)
            rawStart += count
            return count
        }
        var produced = 0
        while produced == 0 {
            if streamEnded {
                // Concatenated gzip members are one stream (as `gzip -c a b` writes them).
                if rawStart == rawEnd && !rawAtEnd { try fillRaw() }
                if rawStart == rawEnd { return 0 }
                inflateReset(stream)
                streamEnded = false
            }
            if rawStart == rawEnd && !rawAtEnd { try fillRaw() }
            stream.pointee.next_in = raw.baseAddress!.assumingMemoryBound(to: Bytef.self) + rawStart
            stream.pointee.avail_in = UInt32(rawEnd - rawStart)
            stream.pointee.next_out = (buffer.baseAddress! + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(buffer.count - produced)
            let status = inflate(stream, Z_NO_FLUSH)
            rawStart = rawEnd - Int(stream.pointee.avail_in)
            produced = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                streamEnded = true
            case Z_OK:
                break
            case Z_BUF_ERROR where rawAtEnd && rawStart == rawEnd:
                if produced > 0 { return produced }
                throw truncated()
            case Z_BUF_ERROR:
                break
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "code \(status)"
                throw DiagnosticError(
                    .error("the gzip data is corrupt (\(detail))", at: SourceLocation(file: displayName)))
            }
            if produced == 0 && rawAtEnd && rawStart == rawEnd && !streamEnded { throw truncated() }
        }
        return produced
    }

    private func truncated() -> DiagnosticError {
        DiagnosticError(
            .error(
                "the gzip file is truncated: it ends before its end-of-stream marker",
                at: SourceLocation(file: displayName)))
    }

    private mutating func fillRaw() throws(DiagnosticError) {
        if rawStart > 0 && rawStart < rawEnd {
            raw.baseAddress!.copyMemory(from: raw.baseAddress! + rawStart, byteCount: rawEnd - rawStart)
        }
        rawEnd -= rawStart
        rawStart = 0
        while rawEnd < raw.count && !rawAtEnd {
            let count = Glibc.read(descriptor, raw.baseAddress! + rawEnd, raw.count - rawEnd)
            if count < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw DiagnosticError(.error("cannot read the log: \(reason)", at: SourceLocation(file: displayName)))
            }
            if count == 0 { rawAtEnd = true }
            rawEnd += count
            rawBytesRead += count
            if rawEnd > 0 { break }
        }
    }
}
