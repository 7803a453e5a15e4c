#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A window of the (decompressed) log in one large block of memory, refilled in big chunks.
///
/// Rows are scanned in place, as byte ranges of this block: no row or field is copied.
/// When a row runs past the bytes read so far, `refill` moves that partial row to the front
/// and reads more after it. The block only grows for a row longer than half of it, and never
/// past `maximumRowBytes` plus one chunk, so memory stays bounded whatever the input.
struct CSVInputBuffer: ~Copyable {
    /// Bytes asked of the source at a time: large enough that refills are rare.
    static let chunkBytes = 8 << 20
    /// A row longer than this is an error (a quote left open swallows the rest of the file;
    /// a corrupt file may have no line breaks at all).
    static let maximumRowBytes = 64 << 20

    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes `0..<count` hold log text.
    private(set) var count = 0
    /// True once the source has no more bytes.
    private(set) var isAtEnd = false
    /// Bytes of log text taken from the source so far.
    private(set) var totalBytes = 0
    /// A read error met after some bytes came in: those bytes are used first, and the error is
    /// thrown at the next refill, so that it names the line where the readable text ends.
    private var pendingError: DiagnosticError?

    init(capacity: Int = chunkBytes) {
        self.capacity = capacity
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Drops the bytes before `keep` (rows already used), reads more after the rest, and
    /// returns how far the kept bytes moved towards the front (subtract it from positions).
    mutating func refill(
        keepingFrom keep: Int, from input: LogInput
    ) throws(DiagnosticError) -> Int {
        if let pendingError { throw pendingError }
        let kept = count - keep
        if kept > 0 && keep > 0 { memmove(base, base + keep, kept) }
        count = kept
        if kept > capacity / 2 {
            // One row fills half the block: double it so the next read still brings a big chunk.
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: base, count: kept)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        while count < capacity && !isAtEnd {
            let read: Int
            do {
                read = try input.read(
                    into: UnsafeMutableRawBufferPointer(start: base + count, count: capacity - count))
            } catch {
                if count == kept { throw error }
                pendingError = error
                break
            }
            if read == 0 { isAtEnd = true }
            count += read
            totalBytes += read
            // Half a buffer of new text is enough to go on with: waiting for more would stall the
            // read-ahead thread's pipeline (it hands over half a buffer at a time).
            if count - kept >= capacity / 2 { break }
        }
        return keep
    }
}
