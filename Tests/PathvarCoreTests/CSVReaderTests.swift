import Foundation
import Testing

@testable import PathvarCore

/// The CSV reader on small synthetic logs: RFC 4180, column choice, grouping, timestamps.
@Suite struct CSVReaderTests {
    @Test func readsCasesWithEventsInTimeOrder() throws {
        let path = Fixtures.path("logs/ed-visits.csv")
        let log = try readCSV(path) { $0.attributeKeys = AttributeKeys(["org:group", "Diagnose"]) }
        // P1's CRP (line 5) happened before its triage; triage and leucocytes tie and keep
        // file order.
        #expect(
            log.outline == [
                "P1: ER Registration@2 CRP@5 ER Triage@3 Leucocytes@4",
                "P2: ER Registration@6 IV Antibiotics@7",
                "P3: ER Registration@8",
            ])
        // Attribute values move with their events; an empty cell is a missing value.
        #expect(log.values(case: 0, key: 0) == ["A", "B", "C", "B"])
        #expect(log.values(case: 0, key: 1) == ["sepsis", "-", "-", "-"])
        #expect(log.values(case: 1, key: 0) == ["A", "-"])
        #expect(log.cases.allSatisfy { $0.caseValues == [LogCase.missing, LogCase.missing] })
        #expect(log.statistics.rowsRead == 7)
        #expect(log.statistics.rowsAccepted == 7)
        #expect(log.statistics.rowsRejected == 0)
        let clock = try ZonedClock(timeZone: "UTC")
        #expect(log.statistics.earliest.map(clock.iso8601) == "2014-10-22T09:15:41+00:00")
        #expect(log.statistics.latest.map(clock.iso8601) == "2014-10-24T10:00:00+00:00")
        #expect(
            log.notes == [
                "columns: case = \"case_id\", activity = \"activity\", timestamp = \"timestamp\";"
                    + " delimiter ','",
                "timestamps without an offset were read as UTC time",
            ])
    }

    @Test func keepsInterningIntoTheCallersSymbols() throws {
        var symbols = SymbolTable()
        let registration = symbols.intern("ER Registration")
        let triage = symbols.intern("ER Triage")
        let log = try readCSV(Fixtures.path("logs/ed-visits.csv"), symbols: symbols)
        #expect(log.cases[0].events[0].activity == registration)
        #expect(log.cases[0].events[2].activity == triage)
        #expect(log.symbols.string(log.cases[2].id) == "P3")
    }

    @Test func readsDiscoExportsInTheirLocalZone() throws {
        let log = try readCSV(Fixtures.path("logs/disco-export.csv")) {
            $0.timeZone = "Europe/Amsterdam"
            $0.attributeKeys = AttributeKeys(["org:group", "lifecycle:transition"])
        }
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        #expect(log.outline == ["A: ER Registration@2 Leucocytes@3", "B: ER Registration@4"])
        #expect(clock.iso8601(log.cases[0].events[0].time) == "2014-10-22T11:15:41+02:00")
        #expect(clock.iso8601(log.cases[1].events[0].time) == "2014-12-22T09:00:00+01:00")
        #expect(log.values(case: 0, key: 0) == ["A", "B"])
        #expect(log.values(case: 0, key: 1) == ["-", "-"])
        #expect(
            log.notes == [
                "columns: case = \"Case ID\", activity = \"Activity\", timestamp = \"Complete Timestamp\";"
                    + " delimiter ';'",
                "the log has no column \"lifecycle:transition\": its values are missing",
                "timestamps without an offset were read as Europe/Amsterdam time",
            ])
    }

    /// BOM, CRLF, a quoted delimiter, quoted line breaks (the event's line is the row's first),
    /// doubled quotes, an empty quoted field, a quoted timestamp, no final line break.
    @Test func rfc4180EdgeCases() throws {
        let log = try readCSV(Fixtures.path("logs/rfc4180-edge-cases.csv")) {
            $0.attributeKeys = AttributeKeys(["note"])
        }
        #expect(
            log.outline == [
                "c1: Triage, urgent@2 Lab\r\nresult@3 Say \"hi\"@6",
                "c\"2: Discharge@7",
            ])
        #expect(log.values(case: 0, key: 0) == ["plain", "two\r\nlines", "-"])
        #expect(log.values(case: 1, key: 0) == ["last"])
        #expect(log.notes.first?.hasPrefix("columns: case = \"case\", activity = \"activity\"") == true)
        #expect(log.statistics.rowsRead == 4)
    }

    @Test func tabSeparatedWithLooselyMatchingHeaders() throws {
        let log = try readCSV(Fixtures.path("logs/tab-separated.tsv"))
        #expect(log.outline == ["x: Registration@2 Triage@3"])
        #expect(
            log.notes.first
                == "columns: case = \" CASE_ID \", activity = \"Activity\", timestamp = \"TIMESTAMP\";"
                + " delimiter tab")
        let times = log.cases[0].events.map(\.time.microseconds)
        #expect(times[1] - times[0] == 30 * 60 * 1_000_000)
    }

    @Test func delimiterIsDetectedOutsideQuotesOrGiven() throws {
        let folder = TemporaryFolder()
        // More commas than semicolons, but the commas are inside quotes.
        let semicolons = folder.write(
            "semicolons.csv", "\"case, id\";\"a,b,c\";timestamp\nP1;Triage;2024-01-01\n")
        let log = try readCSV(semicolons) {
            $0.caseColumn = "case, id"
            $0.activityColumn = "a,b,c"
        }
        #expect(log.outline == ["P1: Triage@2"])
        #expect(log.notes.first?.hasSuffix("delimiter ';'") == true)
        // A given delimiter wins over detection.
        let given = folder.write("given.csv", "case|x;activity;timestamp\nP|1;Triage;2024-01-01\n")
        #expect(
            csvError(given) { $0.delimiter = UInt8(ascii: ",") }
                == "\(given):1: error: cannot tell which column holds the case id (none is called"
                + " \"case_id\", \"Case ID\", \"case:concept:name\", \"case\", \"CaseID\"): name it with"
                + " --case; the columns are \"case|x;activity;timestamp\"")
    }

    @Test func columnsAreChosenInPriorityOrder() throws {
        let folder = TemporaryFolder()
        let crowded = folder.write(
            "crowded.csv",
            "Activity,activity,concept:name,CaseID,case_id,time:timestamp,Timestamp\n"
                + "A1,a1,n1,C1,c1,2024-01-01,2025-01-01\n")
        let log = try readCSV(crowded)
        #expect(log.outline == ["c1: a1@2"])
        #expect(
            log.notes.first
                == "columns: case = \"case_id\", activity = \"activity\", timestamp = \"time:timestamp\";"
                + " delimiter ','")
        let instances = folder.write(
            "instances.csv", "complete_time,start_time,case,event\n2024-01-02,2024-01-01,c,e\n")
        let clock = try ZonedClock(timeZone: "UTC")
        let instanceLog = try readCSV(instances)
        #expect(clock.iso8601(instanceLog.cases[0].events[0].time) == "2024-01-01T00:00:00+00:00")
        #expect(instanceLog.notes.first?.contains("timestamp = \"start_time\"") == true)
    }

    @Test func namedColumnsAndTheirErrors() throws {
        let folder = TemporaryFolder()
        let path = folder.write("named.csv", "patient,step,when\nP1,Triage,2024-01-01T10:00\n")
        let log = try readCSV(path) {
            $0.caseColumn = "patient"
            $0.activityColumn = "STEP"
            $0.timestampColumn = "when"
        }
        #expect(log.outline == ["P1: Triage@2"])
        #expect(
            csvError(path)
                == "\(path):1: error: cannot tell which column holds the case id (none is called"
                + " \"case_id\", \"Case ID\", \"case:concept:name\", \"case\", \"CaseID\"): name it with"
                + " --case; the columns are \"patient\", \"step\", \"when\"")
        let visits = Fixtures.path("logs/ed-visits.csv")
        #expect(
            csvError(visits) { $0.activityColumn = "Event Name" }
                == "\(visits):1: error: the log has no column \"Event Name\"; the columns are"
                + " \"case_id\", \"activity\", \"timestamp\", \"org:group\", \"Diagnose\"")
    }

    @Test func attributeColumnsMatchLoosely() throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "groups.csv", "case_id,activity,timestamp,Org:Group \nP1,Triage,2024-01-01,A\n")
        let log = try readCSV(path) { $0.attributeKeys = AttributeKeys(["org:group"]) }
        #expect(log.values(case: 0, key: 0) == ["A"])
        #expect(!log.notes.contains { $0.contains("has no column") })
    }

    /// pm4py writes trace attributes as `case:` columns, repeated or only on some rows: the
    /// first value present in a case's rows is its case-level value.
    @Test(arguments: [false, true])
    func caseColumnsGiveCaseValues(holdAllCases: Bool) throws {
        let folder = TemporaryFolder()
        let path = folder.write(
            "pm4py.csv",
            "case:concept:name,concept:name,time:timestamp,case:Diagnose,org:group\n"
                + "P1,ER Registration,2024-01-01T10:00:00Z,,A\n"
                + "P1,ER Triage,2024-01-01T09:00:00Z,sepsis,B\n"
                + "P1,CRP,2024-01-01T11:00:00Z,other,B\n"
                + "P2,ER Registration,2024-01-02T10:00:00Z,,A\n")
        let log = try readCSV(path) {
            $0.attributeKeys = AttributeKeys(["Diagnose", "org:group"])
            $0.holdAllCases = holdAllCases
        }
        #expect(log.outline == ["P1: ER Triage@3 ER Registration@2 CRP@4", "P2: ER Registration@5"])
        #expect(
            log.cases.map { $0.caseValues.map { $0 < 0 ? "-" : log.symbols.string($0) } } == [
                ["sepsis", "-"], ["-", "-"],
            ])
        #expect(log.values(case: 0, key: 0) == ["-", "-", "-"])
        #expect(log.values(case: 0, key: 1) == ["B", "A", "B"])
        #expect(!log.notes.contains { $0.contains("has no column") })
    }

    @Test func nonAdjacentRowsAreAnErrorUnlessAllCasesAreHeld() throws {
        let path = Fixtures.path("logs/not-adjacent.csv")
        var options = LogReadOptions()
        var reader = try CSVReader(path: path, options: options, symbols: SymbolTable())
        // P1 is handed on as soon as P2 starts; its reappearance on line 4 is then an error.
        let first = try #require(try reader.nextCase())
        #expect(reader.symbols.string(first.id) == "P1")
        #expect(throws: DiagnosticError.self) { _ = try reader.nextCase() }
        #expect(
            csvError(path)
                == "\(path):4: error: rows of case \"P1\" are not adjacent: they stop on line 2 and start"
                + " again on line 4")

        options.holdAllCases = true
        let log = try readCSV(path) { $0.holdAllCases = true }
        #expect(
            log.outline == [
                "P1: ER Registration@2 ER Triage@4",
                "P2: ER Registration@3 ER Triage@6",
                "P3: ER Registration@5",
            ])
        #expect(log.statistics.rowsAccepted == 5)
    }

    @Test func holdingAllCasesGivesTheSameCasesForAGroupedLog() throws {
        let path = Fixtures.path("logs/ed-visits.csv")
        let keys = AttributeKeys(["org:group"])
        let streamed = try readCSV(path) { $0.attributeKeys = keys }
        let held = try readCSV(path) {
            $0.attributeKeys = keys
            $0.holdAllCases = true
        }
        #expect(streamed.outline == held.outline)
        #expect(streamed.cases.map(\.eventValues) == held.cases.map(\.eventValues))
    }

    /// Rows straddle buffer refills at every possible byte: the result must not change.
    @Test(arguments: [1, 2, 3, 4, 5, 7, 8, 13, 16, 31, 64, 100])
    func tinyBuffersGiveTheSameResult(bufferBytes: Int) throws {
        for name in ["ed-visits.csv", "rfc4180-edge-cases.csv", "disco-export.csv"] {
            let path = Fixtures.path("logs/" + name)
            let keys = AttributeKeys(["org:group", "note"])
            let expected = try readCSV(path) { $0.attributeKeys = keys }
            let log = try readCSV(path, bufferBytes: bufferBytes) { $0.attributeKeys = keys }
            #expect(log.outline == expected.outline, "\(name)")
            #expect(log.cases.map(\.eventValues) == expected.cases.map(\.eventValues), "\(name)")
            #expect(log.notes == expected.notes)
        }
        let bad = Fixtures.path("logs/bad-rows.csv")
        let expected = try readCSV(bad) { $0.skipBadRows = true }
        let log = try readCSV(bad, bufferBytes: bufferBytes) { $0.skipBadRows = true }
        #expect(log.outline == expected.outline)
        #expect(log.statistics.rejected == expected.statistics.rejected)
    }

    @Test func readsGzippedLogs() throws {
        let folder = TemporaryFolder()
        let plain = Fixtures.path("logs/ed-visits.csv")
        let original = try readCSV(plain)
        let bytes = try #require(FileManager.default.contents(atPath: plain))
        // Named .csv on purpose: gzip is recognised by its magic bytes.
        let zipped = folder.write("ed-visits.csv", gzip(Array(bytes)))
        #expect(try readCSV(zipped).outline == original.outline)
        // Concatenated gzip members are one stream.
        let half = bytes.count / 2
        let members = gzip(Array(bytes.prefix(half))) + gzip(Array(bytes.dropFirst(half)))
        let concatenated = folder.write("members.csv.gz", members)
        #expect(try readCSV(concatenated).outline == original.outline)
        // Decompressed ahead on a second thread and handed over in pieces of any size.
        for bufferBytes in [1, 5, 64] {
            #expect(try readCSV(zipped, bufferBytes: bufferBytes).outline == original.outline)
        }
    }
}
