import CLibXML2

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What reading a pathway file gave: the pathway when it has no errors, and every
/// diagnostic (errors and warnings) in file order.
public struct PathwayLoadResult: Sendable {
    public var pathway: Pathway?
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains(where: \.isError) }
}

/// Reads a pathway file: well-formed XML (read safely), the right namespace, valid against
/// the shipped schema, then the checks a schema cannot make (`PathwayChecker`).
///
/// Each stage stops at its first failing step: a schema error on a file that is not XML
/// would only add noise.
public enum PathwayParser {
    public static let namespace = "urn:pathvar:pathway:1"

    /// Reads and checks the pathway at `path`. `today` is used to warn about a passed
    /// review date (nil: no such warning).
    public static func load(path: String, today: CalendarDate?) -> PathwayLoadResult {
        switch readFile(path) {
        case .success(let bytes): parse(bytes: bytes, file: path, today: today)
        case .failure(let diagnostic): PathwayLoadResult(pathway: nil, diagnostics: [diagnostic])
        }
    }

    /// Reads and checks the pathway at `path`, throwing its errors; warnings are returned.
    public static func loadChecked(path: String, today: CalendarDate?) throws(DiagnosticError) -> (
        Pathway, warnings: [Diagnostic]
    ) {
        let result = load(path: path, today: today)
        guard let pathway = result.pathway, !result.hasErrors else {
            throw DiagnosticError(result.diagnostics.filter(\.isError))
        }
        return (pathway, result.diagnostics)
    }

    public static func parse(bytes: [UInt8], file: String, today: CalendarDate?) -> PathwayLoadResult {
        let whole = SourceLocation(file: file)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return failure(.error("the file is empty; expected a <pathway> document", at: whole))
        }
        let map = XMLSourceMap(file: file, bytes: bytes)
        // A pathway has no use for a DOCTYPE, and refusing one up front means entity tricks
        // (billion laughs, external entities) never reach the parser's entity machinery.
        if let doctype = map.location(of: "<!DOCTYPE") {
            return failure(
                .error(
                    "a DOCTYPE is not allowed in a pathway file (DTDs and entities are never read); "
                        + "remove it and start with <pathway xmlns=\"\(namespace)\">",
                    at: doctype))
        }
        let collector = XMLProblemCollector()
        guard let document = XMLTree(bytes: bytes, file: file, problems: collector) else {
            let problem = collector.problems.first { !$0.isWarning }
            let location = SourceLocation(file: file, line: problem?.line ?? 0, column: problem?.column ?? 0)
            var detail = problem?.message ?? "the parser gave no reason"
            if location.line >= map.lastLine {
                detail += " (the file ends here: it may be truncated)"
            }
            return failure(.error("not well-formed XML: \(detail)", at: location))
        }
        guard let root = document.root else {
            return failure(.error("the document has no root element; expected <pathway>", at: whole))
        }
        let nodes = ElementIndex(root: root)
        let rootLocation = map.location(ofElement: 0) ?? whole
        guard root.localName == "pathway", root.namespaceURI == namespace else {
            let found =
                root.namespaceURI.map { "<\(root.localName)> in namespace '\($0)'" }
                ?? "<\(root.localName)> in no namespace"
            return failure(
                .error("the root element is \(found); expected <pathway xmlns=\"\(namespace)\">", at: rootLocation))
        }
        let schemaProblems = XMLProblemCollector()
        if !document.validate(schema: PathwaySchema.text, problems: schemaProblems) {
            var diagnostics = schemaProblems.problems.map { problem in
                schemaDiagnostic(problem, map: map, nodes: nodes, file: file)
            }
            if diagnostics.isEmpty {
                diagnostics = [.error("the file does not match the pathway schema", at: rootLocation)]
            }
            return PathwayLoadResult(pathway: nil, diagnostics: diagnostics.sorted { $0.location < $1.location })
        }
        var builder = PathwayBuilder(map: map, nodes: nodes, file: file)
        let pathway = builder.build(root: root)
        var diagnostics = builder.diagnostics
        if let pathway {
            diagnostics += PathwayChecker(pathway: pathway, today: today).check()
        }
        diagnostics.sort { ($0.location, $0.severity) < ($1.location, $1.severity) }
        let failed = diagnostics.contains { $0.isError }
        return PathwayLoadResult(pathway: failed ? nil : pathway, diagnostics: diagnostics)
    }

    private static func failure(_ diagnostic: Diagnostic) -> PathwayLoadResult {
        PathwayLoadResult(pathway: nil, diagnostics: [diagnostic])
    }

    /// Rewrites a libxml2 schema message for a reader who never saw the namespace URI, and
    /// points it at the element or attribute it is about.
    private static func schemaDiagnostic(
        _ problem: XMLProblem, map: XMLSourceMap, nodes: ElementIndex, file: String
    ) -> Diagnostic {
        var message = problem.message.replacingAll("{\(namespace)}", with: "")
        var location = SourceLocation(file: file, line: problem.line, column: 0)
        let element = problem.node.flatMap { nodes.element(of: $0) }
        let attribute = message.quoted(after: "attribute '")
        if let node = problem.node, let index = nodes.index(of: node) {
            if let attribute {
                location = map.location(ofAttribute: attribute, inElement: index) ?? location
            } else {
                location = map.location(ofElement: index) ?? location
            }
        }
        // libxml2 names a bad duration's pattern, which helps nobody; say what a duration is.
        if let element, element.localName == "window", let attribute, attribute == "min" || attribute == "max",
            let value = element.attribute(attribute)
        {
            do {
                _ = try ISODuration.parse(value)
            } catch {
                message = "<window> \(attribute) \(error.message)"
            }
        }
        // Say which elements may stand here when libxml2 does not.
        if message.hasSuffix("This element is not expected."), let element, let parent = element.pointee.parent,
            parent.pointee.type == XML_ELEMENT_NODE, let allowed = allowedChildren[parent.localName]
        {
            let list = allowed.map { "<\($0)>" }.joined(separator: ", ")
            let order = parent.localName == "stage" ? "in any order" : "in that order"
            message += " Inside <\(parent.localName)> the elements allowed are \(list), \(order)."
        }
        return Diagnostic(problem.isWarning ? .warning : .error, at: location, message)
    }

    /// What each element may hold, in schema order, for messages about misplaced elements.
    private static let allowedChildren: [String: [String]] = [
        "pathway": ["meta", "cohort", "stage", "variance-codes", "ignore"],
        "meta": ["owner", "evidence", "review-by"],
        "cohort": ["entry", "include", "exclude"],
        "entry": ["alias"],
        "stage": ["step", "choice", "avoid"],
        "step": ["alias", "window"],
        "choice": ["option", "window"],
        "option": ["alias"],
        "avoid": ["alias"],
        "variance-codes": ["code"],
    ]

    private static func readFile(_ path: String) -> Result<[UInt8], Diagnostic> {
        let location = SourceLocation(file: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            return .failure(.error("cannot open the pathway: \(String(cString: strerror(errno)))", at: location))
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // Pathways are small; anything past this is not a pathway someone wrote by hand.
        let limit = 16 << 20
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.error("cannot read the pathway: \(String(cString: strerror(errno)))", at: location))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                return .failure(.error("the file is larger than 16 MiB; a pathway is a short XML file", at: location))
            }
        }
        return .success(bytes)
    }
}

/// The document-order index of every element node, matching `XMLSourceMap.startTags`.
struct ElementIndex {
    private var indices: [UnsafeMutableRawPointer: Int] = [:]

    init(root: xmlNodePtr) {
        var next = 0
        func visit(_ node: xmlNodePtr) {
            indices[UnsafeMutableRawPointer(node)] = next
            next += 1
            for child in node.childElements { visit(child) }
        }
        visit(root)
    }

    /// The index of an element, or of the element that holds an attribute node.
    func index(of node: UnsafeMutableRawPointer) -> Int? {
        if let index = indices[node] { return index }
        let typed = node.assumingMemoryBound(to: xmlNode.self)
        if typed.pointee.type == XML_ATTRIBUTE_NODE, let parent = typed.pointee.parent {
            return indices[UnsafeMutableRawPointer(parent)]
        }
        return nil
    }

    func index(of node: xmlNodePtr) -> Int? { indices[UnsafeMutableRawPointer(node)] }

    /// The element a libxml2 error is about (the holder, for an attribute node).
    func element(of node: UnsafeMutableRawPointer) -> xmlNodePtr? {
        let typed = node.assumingMemoryBound(to: xmlNode.self)
        if indices[node] != nil { return typed }
        if typed.pointee.type == XML_ATTRIBUTE_NODE { return typed.pointee.parent }
        return nil
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[rest.startIndex..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// The text between `prefix` and the next `'`, if `prefix` occurs.
    func quoted(after prefix: String) -> String? {
        guard let start = firstRange(of: prefix)?.upperBound,
            let end = self[start...].firstIndex(of: "'")
        else { return nil }
        return String(self[start..<end])
    }
}
