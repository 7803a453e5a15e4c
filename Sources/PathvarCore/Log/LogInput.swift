import Foundation

/// The log's bytes for the CSV reader: straight from its `ByteSource`, or, for a gzip log, from
/// a second thread that decompresses the next chunk while the reader parses the current one.
///
/// Inflating costs about as much as parsing, so on two cores a `.csv.gz` reads nearly as fast
/// as the plain file. A plain file gains nothing from a thread (the kernel's copy is cheap), so
/// it is read directly.
final class LogInput: @unchecked Sendable {
    /// The log's name in diagnostics.
    let displayName: String
    private let direct: SourceBox?
    private let ahead: ReadAhead?

    /// Bytes decompressed ahead of the reader at a time.
    static let aheadBytes = 4 << 20
    /// Bytes asked of the source per call: a gzip error discards the bytes of the call that met
    /// it, so small calls keep the "line reached" of the error close to the truth.
    static let pieceBytes = 64 << 10

    init(_ source: consuming ByteSource, readAhead: Bool) {
        displayName = source.displayName
        let box = SourceBox(source)
        if readAhead {
            direct = nil
            ahead = ReadAhead(box, chunkBytes: Self.aheadBytes)
        } else {
            direct = box
            ahead = nil
        }
    }

    deinit { ahead?.stop() }

    /// Fills the start of `buffer`; 0 at the end of the log.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(DiagnosticError) -> Int {
        if let ahead { return try ahead.take(into: buffer) }
        return try direct!.source.read(into: buffer)
    }
}

/// A `ByteSource` in a class, so that a thread can own it.
private final class SourceBox: @unchecked Sendable {
    var source: ByteSource

    init(_ source: consuming ByteSource) { self.source = source }
}

/// One chunk handed between two threads with two semaphores: the producer fills `chunk` and
/// signals `filled`; the consumer copies it out and signals `emptied`. Each side touches the
/// chunk only between those signals, which also order the memory, so no lock is needed.
private final class ReadAhead: @unchecked Sendable {
    private let chunk: UnsafeMutableRawBufferPointer
    private var count = 0
    private var isLast = false
    private var error: DiagnosticError?
    private let filled = DispatchSemaphore(value: 0)
    private let emptied = DispatchSemaphore(value: 0)
    private var stopped = false

    /// Consumer side: the part of the chunk not yet copied out, when one is held.
    private var taken = 0
    private var holding = false
    private var finished = false
    private var pendingError: DiagnosticError?

    init(_ box: SourceBox, chunkBytes: Int) {
        chunk = .allocate(byteCount: chunkBytes, alignment: 16)
        // The thread keeps this object (and the source) alive until it ends, however the reader
        // ends: it may be blocked reading a pipe, so nobody waits for it.
        Thread.detachNewThread { [self] in produce(box) }
    }

    deinit { chunk.deallocate() }

    private func produce(_ box: SourceBox) {
        while true {
            var produced = 0
            var failure: DiagnosticError?
            var atEnd = false
            while produced < chunk.count {
                do {
                    let read = try box.source.read(
                        into: UnsafeMutableRawBufferPointer(
                            rebasing: chunk[produced..<min(produced + LogInput.pieceBytes, chunk.count)]))
                    if read == 0 {
                        atEnd = true
                        break
                    }
                    produced += read
                } catch {
                    failure = error
                    break
                }
            }
            count = produced
            error = failure
            isLast = atEnd || failure != nil
            filled.signal()
            if isLast { return }
            emptied.wait()
            if stopped { return }
        }
    }

    /// Consumer: copies the next bytes out; 0 at the end; a read error once its bytes are out.
    func take(into buffer: UnsafeMutableRawBufferPointer) throws(DiagnosticError) -> Int {
        if let pendingError { throw pendingError }
        if finished || buffer.count == 0 { return 0 }
        if !holding {
            filled.wait()
            holding = true
            taken = 0
        }
        let copied = min(buffer.count, count - taken)
        if copied > 0 {
            buffer.baseAddress!.copyMemory(from: chunk.baseAddress! + taken, byteCount: copied)
            taken += copied
        }
        if taken == count {
            holding = false
            if isLast {
                finished = true
                pendingError = error
                if copied == 0, let error { throw error }
            } else {
                emptied.signal()
            }
        }
        return copied
    }

    /// Consumer, when the reader goes away: lets a producer waiting for room end.
    /// Whether it is filling or waiting, the producer reads `stopped` only after its next wait
    /// for room, which this signal ends.
    func stop() {
        guard !finished else { return }
        stopped = true
        emptied.signal()
    }
}
