import CLibXML2

/// Builds cases from libxml2's SAX2 callbacks: follows the element nesting, picks the
/// wanted attributes out of `<trace>` and `<event>`, and queues each trace at its `</trace>`.
///
/// A class because libxml2 holds it as an opaque pointer (its "user data") and calls back
/// into it. It is only ever used by the thread that calls `xmlParseChunk`, and never leaves
/// the `XESReader` that owns it, so it needs no locking and is not `Sendable`.
///
/// Only direct children of `<trace>` and `<event>` are read. Everything else (`<global>`,
/// `<extension>`, `<classifier>`, `<log>`-level attributes, the values inside `<list>` and
/// `<container>`, attributes nested in attributes, unknown elements) is skipped by
/// comparing depths, without even looking at its name.
final class XESTraceAssembler {
    let displayName: String
    let skipBadRows: Bool
    let keyCount: Int
    let keys: XESKeyMatcher
    var symbols: SymbolTable
    var timestamps: TimestampParser
    var statistics = ReadStatistics()
    /// The first error: once set, the parser is stopped and nothing more is read.
    private(set) var failure: Diagnostic?
    /// The libxml2 context that calls back into this object, for line numbers and to stop it.
    var parser: xmlParserCtxtPtr?

    /// Finished traces not yet handed out, oldest first from `readyHead`.
    var ready: [LogCase] = []
    var readyHead = 0
    /// Cases queued so far, and traces dropped for having no usable event.
    var casesQueued = 0
    var tracesSeen = 0
    var tracesWithoutEvents = 0
    /// `<event>`s directly under `<log>`: not part of any case, so not read, but counted
    /// for a note.
    var eventsOutsideTraces = 0
    /// Whether any element at all was seen, to tell a non-XML file from a malformed log.
    private(set) var sawElement = false
    /// Whether each requested attribute key was found at least once, for a note when not.
    var seenKeys: [Bool]

    // Element nesting: depth 1 is `<log>`. 0 means "not inside one".
    private(set) var depth: Int32 = 0
    var traceDepth: Int32 = 0
    var eventDepth: Int32 = 0

    // The trace being read.
    var traceLine: Int32 = 0
    var traceID: Int32 = LogCase.missing
    var caseValues: [Int32] = []
    var events: [Event] = []
    var eventValues: [Int32] = []
    /// Events of this trace rejected so far (only with `skipBadRows`), in input order.
    var traceRejections: [RejectedRow] = []
    /// The first line of each trace id seen, to name both places of a duplicate, indexed by
    /// the id's symbol (-1: not seen). Symbols are dense, so an array is smaller than a
    /// dictionary here, and a lookup is one load instead of a hash.
    var traceLines: [Int32] = []

    // The event being read.
    var eventLine: Int32 = 0
    var activity: Int32 = LogCase.missing
    var time: Instant?
    var sawTimestamp = false
    /// The last `time:timestamp` value's bytes, kept for messages about the event.
    var timestampText: [UInt8] = []
    // Names as libxml2's dictionary pointers (see `XESNameCache`).
    private var traceName = XESNameCache("trace")
    private var eventName = XESNameCache("event")
    var keyName = XESNameCache("key")
    var valueName = XESNameCache("value")
    /// Scratch space for values holding `&`.
    var unescaped: [UInt8] = []

    init(displayName: String, options: LogReadOptions, symbols: SymbolTable) throws(DiagnosticError) {
        self.displayName = displayName
        self.skipBadRows = options.skipBadRows
        self.keyCount = options.attributeKeys.count
        self.keys = XESKeyMatcher(attributeKeys: options.attributeKeys)
        self.symbols = symbols
        self.timestamps = try TimestampParser(timeZone: options.timeZone)
        self.caseValues = Array(repeating: LogCase.missing, count: keyCount)
        self.seenKeys = Array(repeating: false, count: keyCount)
        timestampText.reserveCapacity(64)
    }

    /// The line libxml2 has reached: the end of the tag being reported.
    var currentLine: Int32 {
        guard let input = parser?.pointee.input else { return 0 }
        return input.pointee.line
    }

    var currentColumn: Int32 {
        guard let input = parser?.pointee.input else { return 0 }
        return input.pointee.col
    }

    // MARK: SAX events

    /// The deepest nesting accepted, as libxml2's default limit. libxml2 2.9's push parser
    /// does not apply that limit itself, and each level costs it memory: a file of nothing
    /// but start tags would otherwise grow its stacks without bound.
    static let maximumDepth: Int32 = 256

    func startElement(
        _ name: UnsafePointer<UInt8>, attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        depth += 1
        if depth > Self.maximumDepth {
            fail(line: currentLine, column: currentColumn, Self.tooDeep("\(Self.maximumDepth)"))
            return
        }
        if eventDepth != 0 {
            if depth == eventDepth + 1 {
                eventAttribute(name, attributeCount: attributeCount, attributes: attributes)
            }
        } else if traceDepth != 0 {
            if depth == traceDepth + 1 {
                if eventName.matches(name) {
                    beginEvent()
                } else {
                    traceAttribute(name, attributeCount: attributeCount, attributes: attributes)
                }
            }
        } else if depth == 2 {
            if traceName.matches(name) {
                beginTrace()
            } else if eventName.matches(name) {
                eventsOutsideTraces += 1
            }
        } else if depth == 1 {
            sawElement = true
            if !XESElementName.isLog(name) {
                let found = String(String(cString: name).prefix(Self.quoteLimit))
                fail(
                    line: currentLine,
                    "the file is not an XES log: its root element is <\(found)>, not <log>")
            }
        }
    }

    func endElement() {
        if depth == eventDepth {
            endEvent()
            eventDepth = 0
        } else if depth == traceDepth {
            endTrace()
            traceDepth = 0
        }
        depth -= 1
    }

    // MARK: Errors

    /// Records the first error and stops libxml2, which then returns from `xmlParseChunk`.
    func fail(line: Int32, column: Int32 = 0, _ message: String) {
        guard failure == nil else { return }
        let location = SourceLocation(file: displayName, line: Int(line), column: Int(column))
        failure = Diagnostic(.error, at: location, message)
        if let parser { xmlStopParser(parser) }
    }

    /// Records an error found outside the XML, such as a truncated gzip stream.
    func record(_ error: DiagnosticError) {
        guard failure == nil else { return }
        failure = error.diagnostics.first
        if let parser { xmlStopParser(parser) }
    }

    /// Replaces whatever error was recorded with a clearer account of the same problem.
    func replaceFailure(line: Int32, _ message: String) {
        failure = nil
        fail(line: line, message)
    }

    /// Takes the next finished case, if any.
    func takeReady() -> LogCase? {
        guard readyHead < ready.count else { return nil }
        // Swapped out rather than copied, so that the caller holds the only reference and
        // can change the case without copying its arrays.
        var next = LogCase(id: LogCase.missing, events: [], eventValues: [], caseValues: [])
        swap(&next, &ready[readyHead])
        readyHead += 1
        if readyHead == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyHead = 0
        }
        return next
    }
}
