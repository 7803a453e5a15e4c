import Foundation

/// Reads (and gunzips) the log on a thread of its own, a few chunks ahead of the parser.
///
/// Why: libxml2 parses on one core, and reading is the only other large piece of work —
/// about 5 % of the time for a plain file, 20 % for a `.gz` (inflating). With two stages,
/// that part overlaps the parsing instead of adding to it.
///
/// Memory stays fixed: `bufferCount` buffers of `bufferSize` bytes circulate between the two
/// threads; the reader waits while all of them are full. The first read error (a truncated
/// or corrupt gzip stream, an I/O error) is handed over after the chunks read before it, so
/// the parser sees exactly what a single thread would have seen.
///
/// All mutable state is guarded by `condition`; the buffers themselves change hands under it.
final class XESChunkPrefetcher: @unchecked Sendable {
    struct Chunk {
        var buffer: UnsafeMutableRawBufferPointer
        var count: Int
        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }
    }

    static let bufferSize = 1 << 20
    static let bufferCount = 4

    private let condition = NSCondition()
    private var source: ByteSource
    private var allBuffers: [UnsafeMutableRawBufferPointer] = []
    private var free: [UnsafeMutableRawBufferPointer] = []
    private var filled: [Chunk] = []
    private var filledHead = 0
    private var ended = false
    private var failure: DiagnosticError?
    private var cancelled = false

    /// Takes over `source` and starts reading it at once.
    init(source: consuming ByteSource) {
        self.source = source
        for _ in 0..<Self.bufferCount {
            allBuffers.append(UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: 16))
        }
        free = allBuffers
        let thread = Thread { [self] in self.readAll() }
        thread.name = "pathvar-xes-read"
        thread.start()
    }

    /// Runs when both the reader and the thread are done with it.
    deinit {
        for buffer in allBuffers { buffer.deallocate() }
    }

    /// The next chunk in file order, nil at the end; waits for the reader thread.
    func next() throws(DiagnosticError) -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while filledHead == filled.count && !ended { condition.wait() }
        if filledHead < filled.count {
            let chunk = filled[filledHead]
            filledHead += 1
            if filledHead == filled.count {
                filled.removeAll(keepingCapacity: true)
                filledHead = 0
            }
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Gives a parsed chunk's buffer back to the reader thread.
    func recycle(_ chunk: Chunk) {
        condition.lock()
        free.append(chunk.buffer)
        condition.signal()
        condition.unlock()
    }

    /// Asks the reader thread to stop: the log will not be read further. It stops after the
    /// read under way, if any (a read from a silent pipe may take that long).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.signal()
        condition.unlock()
    }

    /// The reader thread's loop.
    private func readAll() {
        while true {
            condition.lock()
            while free.isEmpty && !cancelled { condition.wait() }
            if cancelled {
                ended = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let buffer = free.removeLast()
            condition.unlock()

            let count: Int
            var error: DiagnosticError?
            do {
                count = try source.read(into: buffer)
            } catch let readError {
                count = 0
                error = readError
            }

            condition.lock()
            if count > 0 {
                filled.append(Chunk(buffer: buffer, count: count))
            } else {
                free.append(buffer)
                failure = error
                ended = true
            }
            condition.broadcast()
            condition.unlock()
            if count == 0 { return }
        }
    }
}
