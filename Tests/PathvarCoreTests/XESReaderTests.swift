import Foundation
import Testing

@testable import PathvarCore

@Suite struct XESReaderTests {
    static let basic = Fixtures.path("logs/basic.xes")

    /// 2024-03-01T09:00:00Z and friends, in microseconds since 1970.
    static func utc(_ seconds: Int64) -> Instant { Instant(microseconds: seconds * 1_000_000) }
    static let nineUTC = utc(1_709_283_600)

    @Test func readsTracesEventsAndRequestedAttributes() throws {
        let result = try XESTestSupport.read(Self.basic, keys: ["org:group", "ward"])
        try #require(result.cases.count == 2)

        let first = result.cases[0]
        #expect(result.name(first.id) == "patient-1")
        // Sorted by time; the two events at 10:05 keep their order in the file.
        #expect(result.activities(first) == ["Registration", "Triage", "Antibiotics & fluids"])
        #expect(first.events.map(\.time) == [Self.nineUTC, Self.utc(1_709_283_900), Self.utc(1_709_283_900)])
        #expect(first.events.map(\.line) == [17, 12, 29])
        // Event attributes moved with their events; nested ones were not read.
        #expect(result.value(first, event: 0, key: 0) == "B")
        #expect(result.value(first, event: 1, key: 0) == "A")
        #expect(result.value(first, event: 2, key: 0) == nil)
        #expect(first.caseValues.map { $0 == LogCase.missing ? nil : result.name($0) } == [nil, "ICU"])

        let second = result.cases[1]
        #expect(result.name(second.id) == "patient-2")
        #expect(result.activities(second) == ["Registration"])
        #expect(second.events[0].time == Self.utc(1_709_366_400))
        #expect(second.events[0].line == 38)
        #expect(result.value(second, event: 0, key: 0) == "7")
        #expect(second.caseValues == [LogCase.missing, LogCase.missing])
    }

    @Test func countsEventsAsRows() throws {
        let result = try XESTestSupport.read(Self.basic)
        let statistics = result.statistics
        #expect(statistics.rowsRead == 4)
        #expect(statistics.rowsAccepted == 4)
        #expect(statistics.rowsRejected == 0)
        #expect(statistics.earliest == Self.nineUTC)
        #expect(statistics.latest == Self.utc(1_709_366_400))
        #expect(statistics.bytesRead == 1538)
        #expect(result.notes.isEmpty)
    }

    @Test func readsGzippedLogs() throws {
        let plain = try XESTestSupport.read(Self.basic, keys: ["org:group"])
        let gzipped = try XESTestSupport.read(Fixtures.path("logs/basic.xes.gz"), keys: ["org:group"])
        #expect(gzipped.cases.map(\.events) == plain.cases.map(\.events))
        #expect(gzipped.cases.map(\.eventValues) == plain.cases.map(\.eventValues))
        #expect(gzipped.statistics.bytesRead == 1538)
    }

    /// The same log with the XES namespace as default, with a prefix, with another URI, with
    /// none, and with a prefix never declared: elements are matched on their local names.
    @Test(arguments: ["default", "prefixed", "other", "none", "undeclared prefix"])
    func acceptsAnyNamespace(variant: String) throws {
        var text = try String(contentsOfFile: Self.basic, encoding: .utf8)
        let declaration = "xmlns=\"http://www.xes-standard.org/\""
        switch variant {
        case "prefixed", "undeclared prefix":
            let replacement = variant == "prefixed" ? "xmlns:xes=\"http://www.xes-standard.org/\"" : ""
            text = text.replacingOccurrences(of: declaration, with: replacement)
            text = text.replacingOccurrences(of: "<([a-z])", with: "<xes:$1", options: .regularExpression)
            text = text.replacingOccurrences(of: "</", with: "</xes:")
        case "other": text = text.replacingOccurrences(of: declaration, with: "xmlns=\"urn:example:not-xes\"")
        case "none": text = text.replacingOccurrences(of: declaration, with: "")
        default: break
        }
        let folder = TemporaryFolder()
        let path = folder.write("variant.xes", text)
        let result = try XESTestSupport.read(path, keys: ["org:group"])
        #expect(result.cases.map { result.name($0.id) } == ["patient-1", "patient-2"])
        #expect(result.cases.map { result.activities($0) }.joined().count == 4)
        #expect(result.value(result.cases[0], event: 0, key: 0) == "B")
    }

    @Test func internsIntoTheCallersSymbols() throws {
        var seeded = SymbolTable()
        #expect(seeded.intern("Triage") == 0)
        #expect(seeded.intern("Not in the log") == 1)
        let result = try XESTestSupport.read(Self.basic, symbols: seeded)
        #expect(result.cases[0].events[1].activity == 0)
        #expect(result.symbols.string(1) == "Not in the log")
        #expect(result.symbols.lookup("patient-2") != nil)
    }

    @Test func notesMissingAttributesAndEmptyTraces() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "log.xes",
            """
            <log>
              <event><string key="concept:name" value="stray"/></event>
              <trace><string key="concept:name" value="empty"/></trace>
              <trace><string key="concept:name" value="c"/>
                <event><string key="concept:name" value="a"/><date key="time:timestamp" value="2024-01-01T00:00:00"/></event>
              </trace>
            </log>
            """)
        let result = try XESTestSupport.read(path, keys: ["org:resource"])
        #expect(result.cases.count == 1)
        #expect(
            result.notes == [
                "timestamps without a UTC offset were read as local times in UTC",
                "1 trace without events was skipped",
                "1 event outside any trace was ignored",
                "no trace or event has the attribute org:resource",
            ])
    }

    /// Many traces, read across many of the reader's 64 KiB slices and 1 MiB reads, with
    /// line numbers past 65,535.
    @Test func readsTracesAcrossChunkBoundaries() throws {
        var text = "<?xml version=\"1.0\"?>\n<log xmlns=\"http://www.xes-standard.org/\">\n"
        var line: Int32 = 3
        var expectedLines: [[Int32]] = []
        for trace in 0..<3_000 {
            text += "<trace>\n<string key=\"concept:name\" value=\"case \(trace)\"/>\n"
            line += 2
            expectedLines.append([])
            for event in 0..<(1 + trace % 7) {
                expectedLines[trace].append(line)
                line += 5
                text += "<event>\n<string key=\"concept:name\" value=\"step \(event)\"/>\n"
                text += "<string key=\"note\" value=\"\(String(repeating: "x", count: trace % 300))\"/>\n"
                text += "<date key=\"time:timestamp\" value=\"2024-01-01T00:00:\(10 + event).000Z\"/>\n</event>\n"
            }
            text += "</trace>\n"
            line += 1
        }
        text += "</log>\n"
        #expect(line > 65_536)
        let folder = TemporaryFolder()
        let path = folder.write("many.xes", text)
        let result = try XESTestSupport.read(path, keys: ["note"])
        #expect(result.cases.count == 3_000)
        #expect(result.statistics.rowsRead == (0..<3_000).reduce(0) { $0 + 1 + $1 % 7 })
        #expect(result.statistics.rowsAccepted == result.statistics.rowsRead)
        for (index, logCase) in result.cases.enumerated() {
            #expect(result.name(logCase.id) == "case \(index)")
            #expect(logCase.events.map(\.line) == expectedLines[index])
        }
        let last = try #require(result.cases.last)
        #expect(result.value(last, event: 0, key: 0) == String(repeating: "x", count: 2_999 % 300))
    }

    /// UTF-16 with a byte-order mark, UTF-8 with one, and Latin-1 by declaration: libxml2
    /// hands every name and value over as UTF-8.
    @Test(arguments: ["UTF-16", "UTF-8 BOM", "ISO-8859-1"])
    func readsOtherEncodings(encoding: String) throws {
        func text(_ declared: String) -> String {
            """
            <?xml version="1.0" encoding="\(declared)"?>
            <log><trace><string key="concept:name" value="Zoë"/>
            <event><string key="concept:name" value="Échographie"/><date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event>
            </trace></log>

            """
        }
        let bytes: [UInt8]
        switch encoding {
        case "UTF-16": bytes = [0xFF, 0xFE] + Array(text("UTF-16").data(using: .utf16LittleEndian)!)
        case "UTF-8 BOM": bytes = [0xEF, 0xBB, 0xBF] + Array(text("UTF-8").utf8)
        default: bytes = Array(text("ISO-8859-1").data(using: .isoLatin1)!)
        }
        let folder = TemporaryFolder()
        let path = folder.write("encoded.xes", bytes: bytes)
        let result = try XESTestSupport.read(path)
        #expect(result.cases.map { result.name($0.id) } == ["Zoë"])
        #expect(result.activities(result.cases[0]) == ["Échographie"])
        #expect(result.cases[0].events[0].line == 3)
    }

    /// `-` reads standard input (here a file put in its place), gzipped or not, and names it
    /// `<stdin>` in messages. (File descriptor 0 is swapped for the process while this runs:
    /// no other test reads standard input.)
    @Test func readsStandardInput() throws {
        let folder = TemporaryFolder()
        let bad = folder.write("bad.xes", "<log><trace></log>")
        func withStandardInput<R>(from path: String, _ body: () throws -> R) throws -> R {
            let saved = dup(0)
            let file = open(path, O_RDONLY)
            try #require(saved >= 0 && file >= 0)
            dup2(file, 0)
            close(file)
            defer {
                dup2(saved, 0)
                close(saved)
            }
            return try body()
        }
        let result = try withStandardInput(from: Fixtures.path("logs/basic.xes.gz")) {
            try XESTestSupport.read("-")
        }
        #expect(result.cases.map { result.name($0.id) } == ["patient-1", "patient-2"])
        let diagnostic = try withStandardInput(from: bad) { XESTestSupport.firstError("-") }
        #expect(diagnostic?.location.file == "<stdin>")
        #expect(diagnostic?.message.hasPrefix("malformed XML: ") == true)
    }

    /// A reader dropped half-way stops its reading thread and frees everything.
    @Test func canBeDroppedBeforeTheEnd() throws {
        var text = "<log>\n"
        for trace in 0..<20_000 {
            text += "<trace><string key=\"concept:name\" value=\"\(trace)\"/><event>"
            text += "<string key=\"concept:name\" value=\"a\"/><date key=\"time:timestamp\" value=\"2024-01-01\"/>"
            text += "</event></trace>\n"
        }
        let folder = TemporaryFolder()
        let path = folder.write("long.xes", text + "</log>\n")
        for _ in 0..<20 {
            var reader = try XESReader(path: path, options: XESTestSupport.options(), symbols: SymbolTable())
            let first = try #require(try reader.nextCase())
            #expect(reader.symbols.string(first.id) == "0")
        }
    }

    // MARK: Real logs

    @Test(.enabled(if: Fixtures.sharedData("sepsis/sepsis-cases.xes.gz") != nil, "needs ../shared/data/sepsis"))
    func readsTheSepsisLog() throws {
        let path = try #require(Fixtures.sharedData("sepsis/sepsis-cases.xes.gz"))
        let result = try XESTestSupport.read(path, keys: ["org:group", "InfectionSuspected"])
        #expect(result.cases.count == 1_050)
        #expect(result.cases.reduce(0) { $0 + $1.events.count } == 15_214)
        #expect(result.statistics.rowsRead == 15_214)
        #expect(result.statistics.rowsAccepted == 15_214)
        #expect(result.statistics.rowsRejected == 0)
        let activities = Set(result.cases.flatMap { $0.events.map(\.activity) })
        #expect(activities.count == 16)
        var groups = Set<Int32>()
        var eventsWithGroup = 0
        for logCase in result.cases {
            for (index, event) in logCase.events.enumerated() {
                let group = logCase.value(event: index, key: 0)
                if group != LogCase.missing {
                    groups.insert(group)
                    eventsWithGroup += 1
                }
                let suspected = logCase.value(event: index, key: 1)
                if suspected != LogCase.missing {
                    #expect(result.name(event.activity) == "ER Registration")
                }
            }
        }
        #expect(groups.count == 26)
        #expect(eventsWithGroup > 15_000)
        let first = try #require(result.cases.first)
        #expect(result.name(first.id) == "A")
        #expect(result.name(first.events[0].activity) == "ER Registration")
        #expect(result.value(first, event: 0, key: 1) == "true")
        #expect(first.events.map(\.time) == first.events.map(\.time).sorted())
    }

    @Test(.enabled(if: Fixtures.sharedData("bpic2012/bpic2012.xes.gz") != nil, "needs ../shared/data/bpic2012"))
    func readsTheBPIC2012Log() throws {
        let path = try #require(Fixtures.sharedData("bpic2012/bpic2012.xes.gz"))
        let result = try XESTestSupport.read(path, keys: ["org:resource", "AMOUNT_REQ"])
        #expect(result.cases.count == 13_087)
        #expect(result.cases.reduce(0) { $0 + $1.events.count } == 262_200)
        #expect(result.statistics.rowsAccepted == 262_200)
        #expect(result.statistics.rowsRejected == 0)
        let first = try #require(result.cases.first)
        #expect(result.name(first.id) == "173688")
        #expect(result.name(first.caseValues[1]) == "20000")
        #expect(result.value(first, event: 0, key: 0) == "112")
    }
}
