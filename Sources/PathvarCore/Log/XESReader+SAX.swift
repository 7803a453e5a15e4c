import CLibXML2

/// libxml2's SAX2 push parser for one XES log: owns the C parser context (freed when this
/// goes out of scope) and routes its callbacks to an `XESTraceAssembler`.
///
/// Why SAX2 push rather than the DOM or `xmlTextReader`: no node is built, so memory stays
/// at a few input chunks plus the trace being read, whatever the file's size, and the bytes
/// can come from `ByteSource`, which gunzips on the fly (see `XESChunkPrefetcher`).
///
/// Hostile input. The options are `XML_PARSE_NONET | XML_PARSE_BIG_LINES`, nothing else:
/// no `NOENT` (entities are never substituted), no `DTDLOAD`/`DTDVALID`/`XINCLUDE` (nothing
/// outside the log is ever opened), no `HUGE` (libxml2's limits stay on: 10 MB for one tag
/// or value; nesting is capped at 256 levels by `XESTraceAssembler`, as libxml2 2.9's push
/// parser does not). No handler for `internalSubset`, `entityDecl`,
/// `getEntity` or `externalSubset` is set, so a declared entity is never even stored: any
/// reference other than the five predefined ones is an undefined entity, an error that stops
/// the run at once. A billion-laughs document therefore fails on its first `&lol9;`, and an
/// external entity naming a local file is never opened.
struct XESPushParser: ~Copyable {
    private let context: xmlParserCtxtPtr
    /// Kept alive for as long as libxml2 holds it as its user data.
    private let assembler: XESTraceAssembler

    /// The libxml2 this was built with, as `MAJOR * 10000 + MINOR * 100 + PATCH`.
    static let libxml2Version = Int(LIBXML_VERSION)

    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    init(assembler: XESTraceAssembler) throws(DiagnosticError) {
        LibXML2.prepare()
        var handler = Self.makeHandler()
        let userData = Unmanaged.passUnretained(assembler).toOpaque()
        // libxml2 copies the handler table, so `handler` need not outlive this call.
        let created = withUnsafeMutablePointer(to: &handler) { handler in
            assembler.displayName.withCString { name in
                xmlCreatePushParserCtxt(handler, userData, nil, 0, name)
            }
        }
        guard let created else {
            throw DiagnosticError(
                .error("cannot start the XML parser (out of memory?)", at: SourceLocation(file: assembler.displayName)))
        }
        xmlCtxtUseOptions(created, Self.options)
        self.context = created
        self.assembler = assembler
        assembler.parser = created
    }

    deinit {
        assembler.parser = nil
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
    }

    /// Parses the next bytes of the log. Problems arrive through the assembler's `failure`.
    func parse(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        _ = xmlParseChunk(context, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), 0)
    }

    /// Tells libxml2 the input has ended, so that it reports an unfinished document.
    func finish() {
        _ = xmlParseChunk(context, nil, 0, 1)
    }

    // MARK: Callbacks

    /// The SAX2 table: start and end of elements, and structured errors. Everything else
    /// (text, comments, processing instructions, DTD declarations) is left unset: XES keeps
    /// its data in attributes, and unset handlers are never called.
    private static func makeHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { userData, localName, _, _, _, _, attributeCount, _, attributes in
            guard let userData, let localName else { return }
            Unmanaged<XESTraceAssembler>.fromOpaque(userData)._withUnsafeGuaranteedRef {
                $0.startElement(localName, attributeCount: Int(attributeCount), attributes: attributes)
            }
        }
        handler.endElementNs = { userData, _, _, _ in
            guard let userData else { return }
            Unmanaged<XESTraceAssembler>.fromOpaque(userData)._withUnsafeGuaranteedRef { $0.endElement() }
        }
        // Parameter types are left to inference: libxml2 2.12 made the error `const`.
        handler.serror = { userData, error in
            guard let userData, let error else { return }
            let assembler = Unmanaged<XESTraceAssembler>.fromOpaque(userData).takeUnretainedValue()
            assembler.parserError(
                level: error.pointee.level, domain: error.pointee.domain, code: error.pointee.code,
                message: error.pointee.message,
                line: error.pointee.line, column: error.pointee.int2)
        }
        return handler
    }
}

extension XESTraceAssembler {
    /// Turns libxml2's first error into the run's failure; warnings are ignored.
    ///
    /// Namespace errors are ignored too: elements and keys are matched on local names, so an
    /// undeclared prefix cannot change what is read. Every other error stops the run, even
    /// with `skipBadRows`: after a well-formedness error libxml2 cannot say where the next
    /// event starts, so nothing after it can be trusted.
    func parserError(
        level: xmlErrorLevel, domain: Int32, code: Int32, message: UnsafeMutablePointer<CChar>?, line: Int32,
        column: Int32
    ) {
        guard failure == nil, level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        if level == XML_ERR_ERROR && domain == Int32(XML_FROM_NAMESPACE.rawValue) { return }
        if !sawElement
            && (code == Int32(XML_ERR_DOCUMENT_EMPTY.rawValue) || code == Int32(XML_ERR_DOCUMENT_END.rawValue))
        {
            // "Document is empty", "Start tag expected": said of any file without a tag.
            fail(line: 0, Self.noElement)
            return
        }
        var text = message.map { String(cString: $0) } ?? "unknown error"
        while let last = text.last, last.isWhitespace { text.removeLast() }
        fail(line: line, column: column, Self.explain(libxml2: text))
    }

    static func tooDeep(_ limit: String) -> String { "the XML nests elements more than \(limit) levels deep" }

    /// libxml2's words, behind a short statement of what kind of problem it is.
    static func explain(libxml2 text: String) -> String {
        if text.contains("Excessive depth") {
            // libxml2 goes on to suggest XML_PARSE_HUGE, which is deliberately not offered.
            let limit = text.split(whereSeparator: { !$0.isNumber }).first.map(String.init) ?? "\(maximumDepth)"
            return tooDeep(limit)
        }
        if text.contains("Huge input lookup") || text.contains("too long") || text.contains("huge") {
            return "a tag or value is too long (libxml2: \(text))"
        }
        return "malformed XML: \(text)"
    }
}
