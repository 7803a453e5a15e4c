import Foundation
import Testing

@testable import PathvarCore

/// The real Sepsis Cases log (4TU.ResearchData, Mannhardt 2016) audited with a pathway of the
/// project's own; the cases below were checked by hand against their events (see
/// `pathvar explain`): for example case B's sepsis screen came 58 min 26 s after triage
/// (allowed 15 min), and its antibiotics 1 h 16 min 36 s after triage (allowed 1 h).
@Suite(.enabled(if: Fixtures.hasSharedData, "../shared/data is not on this machine: real-log tests skipped"))
struct RealSepsisAuditTests {
    static let handChecked: Set<String> = ["A", "AAA", "B", "BEA", "CQ", "IR", "XJ"]

    static let expectedDeviations = """
        A,A,treatment,antibiotics,repetitive,late,unwarranted,undocumented,,<= PT1H after triage,PT2H30M10S,2014-10-22T12:03:47+00:00
        A,A,treatment,fluids,repetitive,late,unwarranted,undocumented,,<= PT1H after triage,PT2H30M10S,2014-10-22T12:03:47+00:00
        B,A,recognition,screen,repetitive,late,unwarranted,undocumented,,<= PT15M after triage,PT58M26S,2014-12-21T11:15:45+00:00
        B,A,treatment,antibiotics,repetitive,late,unwarranted,undocumented,,<= PT1H after triage,PT1H16M36S,2014-12-21T11:33:55+00:00
        B,A,treatment,fluids,repetitive,late,unwarranted,undocumented,,<= PT1H after triage,PT1H16M29S,2014-12-21T11:33:48+00:00
        BEA,A,recognition,screen,repetitive,late,unwarranted,undocumented,,<= PT15M after triage,PT18M38S,2014-05-29T11:52:53+00:00
        BEA,A,treatment,lactate,repetitive,early,unwarranted,undocumented,,>= PT0S after entry,PT31M21S before entry,2014-05-29T11:01:00+00:00
        CQ,A,recognition,screen,repetitive,out-of-order,unwarranted,undocumented,,after triage,PT14M1S before triage,2014-02-24T20:45:39+00:00
        IR,L,recognition,triage,repetitive,repeated,unwarranted,undocumented,,<= 1,2,2014-05-19T14:09:13+00:00
        XJ,A,treatment,antibiotics,repetitive,late,unwarranted,undocumented,,<= PT1H after triage,PT1H36M40S,2013-11-07T09:05:58+00:00
        XJ,A,after,return,unconstrained,overuse,unassessed,unconstrained-mode,,0,1,2013-12-11T10:02:20+00:00

        """

    static let expectedCases = """
        A,true,A,2014-10-22T09:15:41+00:00,22,2,2,0,0,false,ward,a
        AAA,false,A,2014-11-19T02:16:21+00:00,11,0,0,0,0,true,ward,a
        B,true,A,2014-12-21T10:04:24+00:00,12,3,3,0,0,false,ward,a
        BEA,true,A,2014-05-29T11:32:21+00:00,8,2,2,0,0,false,,
        CQ,true,A,2014-02-24T20:43:57+00:00,13,1,1,0,0,false,ward,a
        IR,true,L,2014-05-19T13:21:17+00:00,9,1,1,0,0,false,,
        XJ,true,A,2013-11-07T07:18:29+00:00,13,2,1,0,1,false,ward,a

        """

    static func audit(log: String, timeZone: String = "UTC") throws -> AuditResult {
        let pathway = try PathwayParser.loadChecked(
            path: Fixtures.path("pathways/sepsis-real-log.xml"), today: nil
        ).0
        var configuration = AuditConfiguration(logPath: try #require(Fixtures.sharedData(log)))
        configuration.read.timeZone = timeZone
        return try Audit.run(pathway: pathway, configuration: configuration)
    }

    /// The rows of a CSV file whose first field is one of the hand-checked cases.
    static func handCheckedRows(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in handChecked.contains(String(line.prefix { $0 != "," })) }
            .map { $0 + "\n" }.joined()
    }

    @Test func handCheckedCasesFromXES() throws {
        let result = try Self.audit(log: "sepsis/sepsis-cases.xes.gz")
        #expect(result.outcomes.count == 1_050)
        #expect(result.statistics.rowsAccepted == 15_214)
        #expect(
            Self.handCheckedRows(CaseReports.deviationsCSV(result, labels: ReportLabels(result: result, blind: false)))
                == Self.expectedDeviations)
        #expect(
            Self.handCheckedRows(CaseReports.casesCSV(result, labels: ReportLabels(result: result, blind: false)))
                == Self.expectedCases)
    }

    @Test func csvExportGivesTheSameAuditAsXES() throws {
        // The CSV export has local Dutch times without offsets.
        let csv = try Self.audit(log: "sepsis/sepsis-cases.csv.gz", timeZone: "Europe/Amsterdam")
        let xes = try Self.audit(log: "sepsis/sepsis-cases.xes.gz", timeZone: "Europe/Amsterdam")
        #expect(csv.outcomes.count == 1_050)
        #expect(
            CaseReports.deviationsCSV(csv, labels: ReportLabels(result: csv, blind: false))
                == CaseReports.deviationsCSV(xes, labels: ReportLabels(result: xes, blind: false)))
        #expect(
            CaseReports.casesCSV(csv, labels: ReportLabels(result: csv, blind: false))
                == CaseReports.casesCSV(xes, labels: ReportLabels(result: xes, blind: false)))
    }
}

/// `report.txt` for the real sepsis log, against a reviewed copy. Refresh the copy with
/// `PATHVAR_UPDATE_EXPECTED=1 swift test --filter RealSepsisReportTests` and read the diff.
@Suite(.enabled(if: Fixtures.hasSharedData, "../shared/data is not on this machine: real-log tests skipped"))
struct RealSepsisReportTests {
    @Test func textReportMatchesTheReviewedCopy() throws {
        let result = try RealSepsisAuditTests.audit(log: "sepsis/sepsis-cases.xes.gz", timeZone: "Europe/Amsterdam")
        var options = ReportOptions()
        options.today = CalendarDate(year: 2026, month: 11, day: 22)
        options.logName = "Sepsis Cases (4TU.ResearchData), sepsis-cases.xes.gz"
        let files = ReportSet.files(for: result, options: options)
        let report = try #require(files.first { $0.name == "report.txt" }).bytes
        let expectedPath = Fixtures.path("expected/sepsis-report.txt")
        if ProcessInfo.processInfo.environment["PATHVAR_UPDATE_EXPECTED"] == "1" {
            _ = FileManager.default.createFile(atPath: expectedPath, contents: Data(report))
        }
        let expected = try #require(FileManager.default.contents(atPath: expectedPath))
        #expect(String(decoding: report, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        let lines = String(decoding: report, as: UTF8.self).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 100 })
    }
}
