import CLibXML2

/// An XML error as libxml2 reported it.
struct XMLProblem {
    var message: String
    var line: Int
    var column: Int
    var isWarning: Bool
    /// The node the error is about (schema validation), when libxml2 names one.
    var node: UnsafeMutableRawPointer?
}

/// Collects libxml2's structured errors during one parse or validation.
///
/// libxml2 calls back through a C function pointer that cannot capture anything, so the
/// collector travels as the callback's context pointer.
final class XMLProblemCollector {
    var problems: [XMLProblem] = []

    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer?) -> XMLProblemCollector? {
        guard let context else { return nil }
        return Unmanaged<XMLProblemCollector>.fromOpaque(context).takeUnretainedValue()
    }
}

/// The options every untrusted XML file is read with: no network, no entity substitution,
/// no DTD loading or validation, no XInclude, and libxml2's default size limits (never
/// `XML_PARSE_HUGE`, which turns off its protection against entity expansion attacks).
let safeXMLParseOptions: Int32 = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)

/// A parsed XML document, freed when it goes out of scope.
struct XMLTree: ~Copyable {
    let pointer: xmlDocPtr

    /// Parses `bytes` safely. Returns nil (with the problems collected) when the document is
    /// not well-formed.
    init?(bytes: [UInt8], file: String, problems collector: XMLProblemCollector) {
        LibXML2.prepare()
        xmlSetStructuredErrorFunc(collector.context) { context, error in
            guard let collector = XMLProblemCollector.from(context), let error else { return }
            collector.problems.append(XMLProblem(error.pointee))
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlReadMemory(chars, Int32(buffer.count), file, nil, safeXMLParseOptions)
            }
        }
        guard let document else { return nil }
        if collector.problems.contains(where: { !$0.isWarning }) {
            xmlFreeDoc(document)
            return nil
        }
        pointer = document
    }

    deinit { xmlFreeDoc(pointer) }

    var root: xmlNodePtr? { xmlDocGetRootElement(pointer) }

    var hasDoctype: Bool { pointer.pointee.intSubset != nil || pointer.pointee.extSubset != nil }

    /// Validates against an XML Schema given as text; the problems go to `collector`.
    func validate(schema: String, problems collector: XMLProblemCollector) -> Bool {
        LibXML2.prepare()
        var schemaText = schema
        return schemaText.withUTF8 { text -> Bool in
            let parserContext = text.baseAddress!.withMemoryRebound(to: CChar.self, capacity: text.count) {
                xmlSchemaNewMemParserCtxt($0, Int32(text.count))
            }
            guard let parserContext else { return false }
            defer { xmlSchemaFreeParserCtxt(parserContext) }
            guard let schema = xmlSchemaParse(parserContext) else { return false }
            defer { xmlSchemaFree(schema) }
            guard let validator = xmlSchemaNewValidCtxt(schema) else { return false }
            defer { xmlSchemaFreeValidCtxt(validator) }
            xmlSchemaSetValidStructuredErrors(
                validator,
                { context, error in
                    guard let collector = XMLProblemCollector.from(context), let error else { return }
                    collector.problems.append(XMLProblem(error.pointee))
                }, collector.context)
            return xmlSchemaValidateDoc(validator, pointer) == 0
        }
    }
}

extension XMLProblem {
    init(_ error: xmlError) {
        var text = error.message.map { String(cString: $0) } ?? "unknown XML error"
        while text.last == "\n" || text.last == " " { text.removeLast() }
        message = text
        line = Int(error.line)
        // For parser errors libxml2 puts the column in `int2`.
        column = error.domain == Int32(XML_FROM_PARSER.rawValue) ? Int(error.int2) : 0
        isWarning = error.level == XML_ERR_WARNING
        node = error.node
    }
}

/// Reading a DOM node without copying more than needed.
extension UnsafeMutablePointer where Pointee == xmlNode {
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }

    var localName: String { String(cString: pointee.name) }

    var namespaceURI: String? { pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }

    var childElements: [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = pointee.children
        while let node = child {
            if node.isElement { result.append(node) }
            child = node.pointee.next
        }
        return result
    }

    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(self, name) else { return nil }
        defer { pathvar_xmlFree(value) }
        return String(cString: value)
    }

    var textContent: String {
        guard let value = xmlNodeGetContent(self) else { return "" }
        defer { pathvar_xmlFree(value) }
        return String(cString: value)
    }
}
