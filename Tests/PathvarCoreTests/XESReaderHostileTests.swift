import Foundation
import Testing

@testable import PathvarCore

#if canImport(Glibc)
    import Glibc
#endif

/// Logs written to hurt: entity bombs, external entities, absurd nesting, giant values,
/// junk. Each must end in a clean error (or a clean read), quickly and in bounded memory.
@Suite(.serialized) struct XESReaderHostileTests {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    static let goodTrace = """
        <trace><string key="concept:name" value="c1"/>
        <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
        </trace>

        """

    /// libxml2's own words are checked against the version this was written with (2.9); a
    /// newer one may phrase them differently, but must still fail the same way.
    static let newerLibXML2 = XESPushParser.libxml2Version / 100 != 209

    /// Peak resident memory of this process so far, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test(.timeLimit(.minutes(1))) func rejectsABillionLaughs() throws {
        var text = Self.header + "<!DOCTYPE log [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "<!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">\n"
        }
        text +=
            "]>\n<log>\n<trace><string key=\"concept:name\" value=\"&lol9;\"/><event>&lol9;</event></trace>\n</log>\n"
        let folder = TemporaryFolder()
        let path = folder.write("laughs.xes", text)
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(diagnostic.message == "malformed XML: Entity 'lol9' not defined" || Self.newerLibXML2)
        #expect(diagnostic.message.hasPrefix("malformed XML: "))
        #expect(diagnostic.location.line == 15)
    }

    /// The secret's text must appear nowhere: not in a case, a symbol or a message.
    @Test(arguments: ["attribute", "content", "parameter", "external DTD"])
    func neverReadsExternalEntities(placement: String) throws {
        let folder = TemporaryFolder()
        let secret = "SECRET-\(UUID().uuidString)"
        let secretXML = folder.write(
            "secret.xml",
            "<trace><string key=\"concept:name\" value=\"\(secret)\"/>"
                + "<event><string key=\"concept:name\" value=\"\(secret)\"/>"
                + "<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace>")
        let secretText = folder.write("secret.txt", secret)
        let secretDTD = folder.write("secret.dtd", "<!ENTITY xxe \"\(secret)\">\n")
        let text: String
        switch placement {
        case "attribute":
            text =
                Self.header + "<!DOCTYPE log [<!ENTITY xxe SYSTEM \"file://\(secretText)\">]>\n"
                + "<log>\(Self.goodTrace)<trace><string key=\"concept:name\" value=\"&xxe;\"/></trace></log>\n"
        case "content":
            text =
                Self.header + "<!DOCTYPE log [<!ENTITY xxe SYSTEM \"file://\(secretXML)\">]>\n"
                + "<log>\(Self.goodTrace)&xxe;</log>\n"
        case "parameter":
            text =
                Self.header + "<!DOCTYPE log [<!ENTITY % xxe SYSTEM \"file://\(secretDTD)\"> %xxe;]>\n"
                + "<log>\(Self.goodTrace)<trace><string key=\"concept:name\" value=\"&xxe;\"/></trace></log>\n"
        default:
            text =
                Self.header + "<!DOCTYPE log SYSTEM \"file://\(secretDTD)\">\n"
                + "<log>\(Self.goodTrace)<trace><string key=\"concept:name\" value=\"&xxe;\"/></trace></log>\n"
        }
        let path = folder.write("xxe.xes", text)
        // No entity is ever declared (no `entityDecl` handler), so every use is undefined.
        let diagnostic = try #require(XESTestSupport.firstError(path, skipBadRows: true))
        let expected =
            placement == "parameter"
            ? "malformed XML: PEReference: %xxe; not found" : "malformed XML: Entity 'xxe' not defined"
        #expect(diagnostic.message == expected || Self.newerLibXML2)
        #expect(diagnostic.message.hasPrefix("malformed XML: "))
        #expect(!diagnostic.description.contains(secret))
    }

    @Test(arguments: [300, 100_000])
    func rejectsDeepNesting(levels: Int) throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "deep.xes",
            Self.header + "<log>\n<trace><string key=\"concept:name\" value=\"c\"/><event>\n"
                + "<string key=\"concept:name\" value=\"a\"/>\n"
                + String(repeating: "<string key=\"k\" value=\"v\">", count: levels)
                + String(repeating: "</string>", count: levels) + "</event></trace></log>\n")
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(diagnostic.message == "the XML nests elements more than 256 levels deep")
        // At the `>` of the 257th start tag: the 254th nested attribute on line 5.
        #expect(diagnostic.location.line == 5)
        #expect(diagnostic.location.column == 254 * 26)
    }

    /// A 1 GiB attribute value: libxml2 gives up at 10 MB of one tag, without `XML_PARSE_HUGE`.
    @Test(.timeLimit(.minutes(2))) func rejectsAGiantAttributeValueInBoundedMemory() throws {
        let folder = TemporaryFolder()
        let path = folder.path("giant.xes")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data((Self.header + "<log>\n<trace><string key=\"concept:name\" value=\"").utf8))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<1024 { try handle.write(contentsOf: block) }
        try handle.write(contentsOf: Data("\"/></trace></log>\n".utf8))
        try handle.close()

        let before = Self.peakMemory()
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(Self.peakMemory() - before < 200 << 20)
        #expect(
            diagnostic.message == "a tag or value is too long (libxml2: internal error: Huge input lookup)"
                || Self.newerLibXML2)
        #expect(diagnostic.message.hasPrefix("a tag or value is too long") || diagnostic.message.hasPrefix("malformed"))
        #expect(diagnostic.location.line == 3)
    }

    /// 64 MB of text inside an event: not data in XES, so it is streamed past, not kept.
    @Test func skipsGiantTextInBoundedMemory() throws {
        let folder = TemporaryFolder()
        let filler = String(repeating: "blah ", count: 64 << 20 / 5)
        let path = folder.write(
            "text.xes",
            Self.header + "<log>\n<trace><string key=\"concept:name\" value=\"c\"/>\n"
                + "<event><string key=\"concept:name\" value=\"a\"/>\(filler)"
                + "<date key=\"time:timestamp\" value=\"2024-01-01T00:00:00Z\"/></event></trace></log>\n")
        let before = Self.peakMemory()
        let result = try XESTestSupport.read(path)
        #expect(Self.peakMemory() - before < 100 << 20)
        #expect(result.cases.count == 1)
        #expect(result.activities(result.cases[0]) == ["a"])
    }

    @Test(arguments: 1...8)
    func rejectsBinaryJunk(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) }
        if seed % 2 == 0 {
            // Junk after a well-formed start.
            bytes = Array((Self.header + "<log>\n" + Self.goodTrace).utf8) + bytes
        }
        let folder = TemporaryFolder()
        let path = folder.write("junk.xes", bytes: bytes)
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.file == path)
        #expect(
            diagnostic.message.hasPrefix("malformed XML: ")
                || diagnostic.message == "the file is not an XES log: it holds no XML element")
    }

    /// Random damage to a good log: each read ends in cases or a clean error, never a crash,
    /// and the statistics always add up.
    @Test(arguments: 0..<4)
    func survivesRandomDamage(round: Int) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("logs/basic.xes"))))
        let folder = TemporaryFolder()
        var random = SplitMix64(seed: UInt64(round) &* 7919 &+ 1)
        let specials = Array("<>&\"'/=;#x0 \n\u{0}\u{FF}".utf8)
        for attempt in 0..<100 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[position] = specials.randomElement(using: &random)!
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(specials.randomElement(using: &random)!, at: position)
                default: bytes.removeLast(bytes.count - position)
                }
            }
            let path = folder.write("damaged-\(attempt).xes", bytes: bytes)
            do {
                let result = try XESTestSupport.read(path, keys: ["org:group"], skipBadRows: true)
                let statistics = result.statistics
                #expect(statistics.rowsRead == statistics.rowsAccepted + statistics.rowsRejected)
                #expect(statistics.rowsAccepted == result.cases.reduce(0) { $0 + $1.events.count })
            } catch {
                #expect(error.diagnostics.first?.location.file == path)
            }
        }
    }
}
