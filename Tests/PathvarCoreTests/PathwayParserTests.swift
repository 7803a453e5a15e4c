import Foundation
import Testing

@testable import PathvarCore

/// Reading pathway files: the model carries everything the file says, and every broken or
/// hostile file gets one exact, useful diagnostic.
@Suite struct PathwayParserTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)

    func load(_ fixture: String) -> PathwayLoadResult {
        PathwayParser.load(path: Fixtures.path("pathways/\(fixture)"), today: Self.today)
    }

    /// Parses `text` as if it were the file `test.xml`.
    func parse(_ text: String) -> PathwayLoadResult {
        PathwayParser.parse(bytes: Array(text.utf8), file: "test.xml", today: Self.today)
    }

    /// The minimal fixture with one substitution applied.
    func minimal(replacing target: String, with replacement: String) throws -> PathwayLoadResult {
        let text = try String(contentsOfFile: Fixtures.path("pathways/minimal.xml"), encoding: .utf8)
        #expect(text.contains(target), "the fixture no longer contains \(target)")
        return parse(text.replacingOccurrences(of: target, with: replacement))
    }

    func messages(_ result: PathwayLoadResult) -> [String] {
        result.diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.location.file = "test.xml"
            return copy.description
        }
    }

    @Test func minimalPathwayCarriesEveryAttribute() throws {
        let result = load("minimal.xml")
        #expect(result.diagnostics.isEmpty)
        let pathway = try #require(result.pathway)
        #expect(pathway.id == "minimal")
        #expect(pathway.version == "1")
        #expect(pathway.cohort.groupBy == "ward")
        #expect(pathway.cohort.entry.activity == "Arrival")
        #expect(pathway.stages.map(\.id) == ["care"])
        #expect(pathway.stages[0].mode == .repetitive)
        #expect(pathway.stages[0].order == .sequence)
        guard case .step(let triage) = pathway.stages[0].elements[0],
            case .step(let treat) = pathway.stages[0].elements[1]
        else {
            Issue.record("expected two steps")
            return
        }
        #expect(triage.required == .must)
        #expect(triage.max == 1)
        #expect(triage.window?.after == .entry)
        #expect(triage.window?.max == ISODuration(microseconds: 1_800_000_000, text: "PT30M"))
        #expect(triage.location.line == 8 && triage.location.column == 5)
        #expect(treat.required == .mustUnlessDocumented)
        #expect(treat.window?.after == .element("triage"))
        #expect(pathway.varianceCodes?.codes.first?.category == .patient)
        #expect(pathway.varianceCodes?.codes.first?.warrants == true)
    }

    @Test func shippedPathwaysAreValid() throws {
        let folder = Fixtures.project("pathways")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 5)
        for file in files {
            let result = PathwayParser.load(path: "\(folder)/\(file)", today: Self.today)
            #expect(!result.hasErrors, "\(file): \(result.diagnostics.map(\.description))")
            #expect(result.pathway?.meta.evidence.isEmpty == false, "\(file) cites no guideline")
        }
    }

    @Test func embeddedSchemaMatchesTheShippedFile() throws {
        let file = try String(contentsOfFile: Fixtures.project("pathways/schema/pathway.xsd"), encoding: .utf8)
        #expect(
            PathwaySchema.text + "\n" == file,
            "Sources/PathvarCore/Pathway/PathwaySchema.swift is stale: copy pathways/schema/pathway.xsd into it")
    }

    // MARK: Broken and hostile files

    @Test(arguments: [
        (
            "external-entity.xml",
            "external-entity.xml:2:1: error: a DOCTYPE is not allowed in a pathway file (DTDs and entities are never read); remove it and start with <pathway xmlns=\"urn:pathvar:pathway:1\">"
        ),
        (
            "billion-laughs.xml",
            "billion-laughs.xml:2:1: error: a DOCTYPE is not allowed in a pathway file (DTDs and entities are never read); remove it and start with <pathway xmlns=\"urn:pathvar:pathway:1\">"
        ),
        ("not-xml.xml", "not-xml.xml:1:1: error: not well-formed XML: Start tag expected, '<' not found"),
        (
            "truncated.xml",
            "truncated.xml:7:4: error: not well-formed XML: StartTag: invalid element name (the file ends here: it may be truncated)"
        ),
        (
            "wrong-namespace.xml",
            "wrong-namespace.xml:3:1: error: the root element is <pathway> in namespace 'urn:example:other'; expected <pathway xmlns=\"urn:pathvar:pathway:1\">"
        ),
        (
            "unknown-element.xml",
            "unknown-element.xml:11:5: error: Element 'stepp': This element is not expected. Inside <stage> the elements allowed are <step>, <choice>, <avoid>, in any order."
        ),
    ])
    func brokenFileGivesOneExactDiagnostic(fixture: String, expected: String) {
        let result = load(fixture)
        #expect(result.pathway == nil)
        let printed = result.diagnostics.map {
            $0.description.replacingOccurrences(of: Fixtures.path("pathways") + "/", with: "")
        }
        #expect(printed == [expected])
    }

    @Test func externalEntityIsNeverReadEvenByTheParserItself() throws {
        // The DOCTYPE check refuses such files first; this shows the libxml2 settings are safe on
        // their own: the entity stays unexpanded and the file's text never enters the document.
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("pathvar-secret-\(getpid()).txt")
        try "TOP-SECRET-PATIENT-DATA".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE p [ <!ENTITY secret SYSTEM "file://\(secret.path)"> ]>
            <p>&secret;</p>
            """
        let collector = XMLProblemCollector()
        guard let document = XMLTree(bytes: Array(text.utf8), file: "x.xml", problems: collector),
            let root = document.root
        else {
            Issue.record("libxml2 refused a well-formed document: \(collector.problems.map(\.message))")
            return
        }
        #expect(!root.textContent.contains("TOP-SECRET"))
    }

    @Test(.timeLimit(.minutes(1))) func billionLaughsIsRejectedByTheParserItself() {
        let laughs = (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }.joined(separator: "\n")
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol0 "lol">
            \(laughs)
            ]>
            <lolz>&lol9;</lolz>
            """
        let collector = XMLProblemCollector()
        var text9 = ""
        if let document = XMLTree(bytes: Array(text.utf8), file: "x.xml", problems: collector) {
            text9 = document.root?.textContent ?? ""
        }
        // Either refused outright, or kept as an unexpanded reference; never a billion "lol"s.
        #expect(text9.count < 1_000_000)
    }

    @Test func emptyFileIsAnError() {
        #expect(messages(parse("  \n")) == ["test.xml: error: the file is empty; expected a <pathway> document"])
    }

    @Test func missingFileIsAnError() {
        let result = PathwayParser.load(path: "/nonexistent/p.xml", today: nil)
        #expect(
            result.diagnostics.map(\.description) == [
                "/nonexistent/p.xml: error: cannot open the pathway: No such file or directory"
            ])
    }
}
