/// Reads an IEEE 1849 XES log one trace at a time, streaming it through libxml2's SAX2
/// push parser: memory stays bounded by the largest trace, whatever the file's size.
///
/// Each `<trace>` is a case: its `concept:name` is the case id, its other attributes named in
/// `LogReadOptions.attributeKeys` become `LogCase.caseValues`. Each `<event>` gives the
/// activity (`concept:name`), the time (`time:timestamp`) and the requested attributes. The
/// XES namespace is optional: elements are matched on their local names.
///
/// For XES, the "rows" of `ReadStatistics` are events, and an event's `line` is that of its
/// `<event>` tag (of the tag's end, for a tag spread over several lines).
///
/// Two threads: this one parses; a second one reads and gunzips a few chunks ahead
/// (`XESChunkPrefetcher`).
///
/// Errors. By default the first problem stops the run. With `skipBadRows`, an event without
/// an activity or a readable timestamp is rejected, and so is every event of a trace without
/// an id or with an id already used; but malformed XML and a log cut short still stop the
/// run, because after a well-formedness error nothing that follows can be trusted to be
/// where it seems.
public struct XESReader: CaseReader, ~Copyable {
    private let prefetcher: XESChunkPrefetcher
    private let parser: XESPushParser
    private let assembler: XESTraceAssembler
    private let options: LogReadOptions
    /// The chunk being parsed; libxml2 has had its bytes up to `parsed`.
    private var chunk: XESChunkPrefetcher.Chunk?
    private var parsed = 0
    private var bytesDecoded = 0
    private var finished = false

    /// How much libxml2 is handed at once. Small enough that its copy of the input stays in
    /// cache and that only a few finished traces wait to be handed out; large enough that
    /// the cost of a call is nothing.
    static let sliceSize = 64 << 10

    /// Opens the log at `path` (`-` for standard input, gzip or not). Strings are interned
    /// into `symbols`, which the caller may have seeded.
    public init(path: String, options: LogReadOptions, symbols: SymbolTable) throws(DiagnosticError) {
        let source = try ByteSource(path: path)
        let assembler = try XESTraceAssembler(displayName: source.displayName, options: options, symbols: symbols)
        self.parser = try XESPushParser(assembler: assembler)
        self.assembler = assembler
        self.options = options
        self.prefetcher = XESChunkPrefetcher(source: source)
    }

    deinit {
        // A reader dropped before the end stops the reading thread too.
        prefetcher.cancel()
    }

    /// The symbols interned so far. Reading this between calls to `nextCase()` shares the
    /// table's storage, so the next intern copies it: read it once, at the end.
    public var symbols: SymbolTable { assembler.symbols }

    /// `bytesRead` counts bytes of XML (after gunzip) taken in so far, as the CSV reader does.
    public var statistics: ReadStatistics {
        var statistics = assembler.statistics
        statistics.bytesRead = bytesDecoded
        return statistics
    }

    public var notes: [String] {
        var notes: [String] = []
        if assembler.timestamps.sawLocalTime {
            notes.append("timestamps without a UTC offset were read as local times in \(options.timeZone)")
        }
        if assembler.tracesWithoutEvents > 0 {
            let count = assembler.tracesWithoutEvents
            notes.append("\(count) trace\(count == 1 ? "" : "s") without events \(count == 1 ? "was" : "were") skipped")
        }
        if assembler.eventsOutsideTraces > 0 {
            let count = assembler.eventsOutsideTraces
            notes.append(
                "\(count) event\(count == 1 ? "" : "s") outside any trace \(count == 1 ? "was" : "were") ignored")
        }
        if finished && assembler.failure == nil {
            for (index, name) in options.attributeKeys.names.enumerated() where !assembler.seenKeys[index] {
                notes.append("no trace or event has the attribute \(name)")
            }
        }
        return notes
    }

    /// The next trace, its events in time order (equal times keep their order in the file),
    /// or nil after the last one.
    public mutating func nextCase() throws(DiagnosticError) -> LogCase? {
        while true {
            if let failure = assembler.failure { throw DiagnosticError(failure) }
            if let next = assembler.takeReady() { return next }
            if finished { return nil }
            if chunk == nil || parsed == chunk!.count {
                if let done = chunk {
                    prefetcher.recycle(done)
                    chunk = nil
                }
                let next: XESChunkPrefetcher.Chunk?
                do {
                    next = try prefetcher.next()
                } catch {
                    // A corrupt or truncated gzip stream: nothing after it can be read.
                    assembler.record(error)
                    continue
                }
                guard let next else {
                    parser.finish()
                    assembler.finishLog(bytesRead: bytesDecoded)
                    finished = true
                    continue
                }
                bytesDecoded += next.count
                chunk = next
                parsed = 0
            }
            let bytes = chunk!.bytes
            let sliceEnd = min(bytes.count, parsed + Self.sliceSize)
            parser.parse(UnsafeRawBufferPointer(rebasing: bytes[parsed..<sliceEnd]))
            parsed = sliceEnd
        }
    }
}
