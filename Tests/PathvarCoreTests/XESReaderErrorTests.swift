import Foundation
import Testing

@testable import PathvarCore

/// What the XES reader says about bad logs: the exact message and where.
@Suite struct XESReaderErrorTests {
    /// A log whose body starts on line 3.
    static func log(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xmlns=\"http://www.xes-standard.org/\">\n" + body + "</log>\n"
    }

    /// One event on one line; nil leaves the attribute out.
    static func event(_ name: String?, _ time: String? = "2024-05-01T08:00:00.000+02:00") -> String {
        var line = "<event>"
        if let name { line += "<string key=\"concept:name\" value=\"\(name)\"/>" }
        if let time { line += "<date key=\"time:timestamp\" value=\"\(time)\"/>" }
        return line + "</event>\n"
    }

    /// A trace: `<trace>`, its id on its own line (if any), its events, `</trace>`.
    static func trace(_ id: String?, _ events: [String]) -> String {
        var text = "<trace>\n"
        if let id { text += "<string key=\"concept:name\" value=\"\(id)\"/>\n" }
        return text + events.joined() + "</trace>\n"
    }

    struct Expected: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int = 0
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Expected] = [
        Expected(
            name: "event without an activity",
            text: log(trace("c1", [event("a"), event(nil)])), line: 6,
            message: "the event has no concept:name (its activity)"),
        Expected(
            name: "event without a timestamp",
            text: log(trace("c1", [event("a"), event("b", nil)])), line: 6,
            message: "the event has no time:timestamp"),
        Expected(
            name: "unreadable timestamp",
            text: log(trace("c1", [event("a"), event("b", "yesterday at noon")])), line: 6,
            message: "cannot read the time:timestamp \"yesterday at noon\""),
        Expected(
            name: "trace without an id",
            text: log(trace("c1", [event("a")]) + trace(nil, [event("a")])), line: 7,
            message: "the trace has no concept:name (its case id)"),
        Expected(
            name: "duplicate trace id",
            text: log(trace("c1", [event("a")]) + trace("c2", [event("a")]) + trace("c1", [event("b")])),
            line: 11, message: "the trace id \"c1\" is used twice: at line 3 and at line 11"),
        Expected(
            name: "mismatched tags",
            text: log("<trace>\n<string key=\"concept:name\" value=\"c1\"/>\n<event>\n</trace>\n"), line: 6,
            column: 9, message: "malformed XML: Opening and ending tag mismatch: event line 5 and trace"),
        Expected(
            name: "unquoted attribute", text: log("<trace>\n  <string key=concept:name/>\n</trace>\n"), line: 4,
            column: 15, message: "malformed XML: AttValue: \" or ' expected"),
        Expected(
            name: "log cut inside a trace",
            text: String(log(trace("c1", [event("a"), event("b"), event("c")])).prefix(200)), line: 5,
            message: "the log ends inside a trace (started at line 3)"),
        Expected(
            name: "log cut between traces", text: String(log(trace("c1", [event("a")])).prefix(259)), line: 6,
            message: "the log ends before its closing </log>"),
        Expected(name: "empty file", text: "", line: 0, message: "the log is empty"),
        Expected(
            name: "only white space", text: "\n\n  \n", line: 0,
            message: "the file is not an XES log: it holds no XML element"),
        Expected(name: "log without traces", text: log(""), line: 0, message: "the log has no traces"),
        Expected(
            name: "traces without events", text: log(trace("c1", []) + trace("c2", [])), line: 0,
            message: "the log has no events: its 2 traces are empty"),
        Expected(
            name: "another XML document", text: "<?xml version=\"1.0\"?>\n<pathway id=\"p\"/>\n", line: 2,
            message: "the file is not an XES log: its root element is <pathway>, not <log>"),
        Expected(
            name: "a CSV file", text: "case;activity;time\nc1;a;2024-01-01\n", line: 0,
            message: "the file is not an XES log: it holds no XML element"),
        Expected(
            name: "undefined entity", text: log(trace("c1", [event("&nbsp;")])), line: 5, column: 48,
            message: "malformed XML: Entity 'nbsp' not defined"),
        Expected(
            name: "text after the log", text: log(trace("c1", [event("a")])) + "<log/>\n", line: 8, column: 1,
            message: "malformed XML: Extra content at the end of the document"),
    ]

    @Test(arguments: cases)
    func reportsTheProblemAndWhere(expected: Expected) throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.xes", expected.text)
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.file == path)
        let fromLibXML2 = expected.message.hasPrefix("malformed XML: ")
        let got = Comment(rawValue: diagnostic.description)
        #expect(diagnostic.message.hasPrefix("malformed XML: ") == fromLibXML2)
        #expect(diagnostic.message == expected.message || mayDiffer(expected), got)
        #expect(diagnostic.location.line == expected.line, got)
        #expect(diagnostic.location.column == expected.column || mayDiffer(expected), got)
    }

    /// libxml2's own words and columns are checked against the version this was written
    /// with (2.9); a newer one may phrase them differently.
    private func mayDiffer(_ expected: Expected) -> Bool {
        expected.message.hasPrefix("malformed XML: ") && XESPushParser.libxml2Version / 100 != 209
    }

    @Test func reportsATruncatedGzipFile() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("logs/basic.xes.gz")))
        let folder = TemporaryFolder()
        let path = folder.write("cut.xes.gz", bytes: Array(whole.prefix(whole.count - 20)))
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(
            diagnostic.description
                == "\(path): error: the gzip file is truncated: it ends before its end-of-stream marker")
    }

    @Test func reportsAMissingFile() throws {
        let folder = TemporaryFolder()
        let diagnostic = try #require(XESTestSupport.firstError(folder.path("absent.xes")))
        #expect(diagnostic.message == "cannot open the log: No such file or directory")
    }

    @Test func reportsAnUnknownTimeZone() throws {
        var options = XESTestSupport.options()
        options.timeZone = "Mars/Olympus_Mons"
        #expect(throws: DiagnosticError.self) {
            _ = try XESReader(path: Fixtures.path("logs/basic.xes"), options: options, symbols: SymbolTable())
        }
    }

    @Test func printsLikeACompiler() throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.xes", Self.log(Self.trace("c1", [Self.event("a", "2024-13-01T00:00:00Z")])))
        let diagnostic = try #require(XESTestSupport.firstError(path))
        #expect(diagnostic.description == "\(path):5: error: cannot read the time:timestamp \"2024-13-01T00:00:00Z\"")
    }

    // MARK: Skipping bad rows

    @Test func skipsBadEventsAndTracesWhenAsked() throws {
        let text = Self.log(
            Self.trace("c1", [Self.event("a"), Self.event(nil), Self.event("b", "soon"), Self.event("c")])  // 3-9
                + Self.trace(nil, [Self.event("x"), Self.event("y", nil)])  // 10-13
                + Self.trace("c1", [Self.event("z")])  // 14-17
                + Self.trace("c2", [Self.event("d")])  // 18-21
        )
        let folder = TemporaryFolder()
        let path = folder.write("mixed.xes", text)
        let result = try XESTestSupport.read(path, skipBadRows: true)
        #expect(result.cases.map { result.name($0.id) } == ["c1", "c2"])
        #expect(result.cases.map { result.activities($0) } == [["a", "c"], ["d"]])
        let statistics = result.statistics
        #expect(statistics.rowsRead == 8)
        #expect(statistics.rowsAccepted == 3)
        #expect(statistics.rowsRejected == 5)
        #expect(statistics.rowsRead == statistics.rowsAccepted + statistics.rowsRejected)
        #expect(
            statistics.rejected == [
                RejectedRow(
                    line: 6, reason: "the event has no concept:name (its activity)",
                    raw: "time:timestamp=\"2024-05-01T08:00:00.000+02:00\""),
                RejectedRow(
                    line: 7, reason: "cannot read the time:timestamp \"soon\"",
                    raw: "concept:name=\"b\" time:timestamp=\"soon\""),
                RejectedRow(
                    line: 11, reason: "the trace has no concept:name (its case id) (trace at line 10)",
                    raw: "concept:name=\"x\""),
                RejectedRow(line: 12, reason: "the event has no time:timestamp", raw: "concept:name=\"y\""),
                RejectedRow(
                    line: 16,
                    reason: "the trace id \"c1\" was already used by the trace at line 3 (trace at line 14)",
                    raw: "concept:name=\"z\""),
            ])
    }

    @Test func aLogWithOnlyBadEventsIsAnError() throws {
        let folder = TemporaryFolder()
        let path = folder.write("bad.xes", Self.log(Self.trace("c1", [Self.event(nil), Self.event("a", "")])))
        let diagnostic = try #require(XESTestSupport.firstError(path, skipBadRows: true))
        #expect(diagnostic.message == "the log has no usable events: all 2 were rejected")
    }

    @Test func malformedXMLStopsEvenWhenSkippingBadRows() throws {
        let folder = TemporaryFolder()
        let text = Self.log(Self.trace("c1", [Self.event("a")]) + "<trace>\n<event></trace>\n")
        let path = folder.write("bad.xes", text)
        let diagnostic = try #require(XESTestSupport.firstError(path, skipBadRows: true))
        #expect(diagnostic.message.hasPrefix("malformed XML: "))
        #expect(diagnostic.location.line == 8)
    }

    @Test func decodesCharacterAndEntityReferencesInValues() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "refs.xes", Self.log(Self.trace("c&amp;1", [Self.event("a &lt; b &amp;#38; &#38; &#x41; c")])))
        let result = try XESTestSupport.read(path)
        #expect(result.name(result.cases[0].id) == "c&1")
        #expect(result.activities(result.cases[0]) == ["a < b &#38; & A c"])
    }
}
