import Foundation
import Testing

/// The `pathvar` binary end to end: what a user types, what they see, what lands on disk.
@Suite struct CommandLineTests {
    static let pathway = "Tests/PathvarCoreTests/Resources/pathways/minimal.xml"

    /// A small log for the minimal pathway: case 1 conforms, case 2 is late and skips treatment,
    /// case 3 never arrives (outside the cohort).
    static let log = """
        case_id,activity,timestamp,ward
        1,Arrival,2024-03-01T08:00:00Z,North
        1,Triage,2024-03-01T08:10:00Z,
        1,Treatment,2024-03-01T08:40:00Z,
        2,Arrival,2024-03-01T09:00:00Z,South
        2,Triage,2024-03-01T09:45:00Z,
        3,Triage,2024-03-01T10:00:00Z,North

        """

    @Test func validateAcceptsTheShippedPathways() throws {
        let folder = PathvarBinary.projectRoot.appendingPathComponent("pathways").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        let run = try PathvarBinary.run(["validate"] + files.map { "pathways/\($0)" })
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.split(separator: "\n").count == files.count)
    }

    @Test func validateReportsABrokenPathwayLikeACompiler() throws {
        let scratch = Scratch()
        let path = scratch.write("broken.xml", "<pathway xmlns=\"urn:example\"/>\n")
        let run = try PathvarBinary.run(["validate", path])
        #expect(run.status == 1)
        #expect(
            run.standardError
                == "\(path):1:1: error: the root element is <pathway> in namespace 'urn:example'; expected <pathway xmlns=\"urn:pathvar:pathway:1\">\n"
        )
    }

    @Test func auditWritesEveryReport() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log)
        let out = scratch.path("reports")
        let run = try PathvarBinary.run(["audit", "--pathway", Self.pathway, "--log", log, "--out", out])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == "audited 3 cases (2 in the cohort, 1 conformant); reports in \(out)/\n")
        #expect(run.standardError.contains("read 6 rows: 6 accepted, 0 rejected"))
        for name in [
            "cases.csv", "deviations.csv", "steps.csv", "groups.csv", "choices.csv", "variance.csv", "monthly.csv",
            "offpathway.csv", "report.txt",
        ] {
            #expect(FileManager.default.fileExists(atPath: "\(out)/\(name)"), "\(name) missing")
        }
        #expect(
            scratch.read("reports/deviations.csv")
                == """
                case_id,group,stage,element,mode,kind,class,reason,category,expected,observed,time
                2,South,care,triage,repetitive,late,unwarranted,undocumented,,<= PT30M after entry,PT45M,2024-03-01T09:45:00+00:00
                2,South,care,treat,repetitive,omitted,unwarranted,undocumented,,>= 1,0,

                """)
        #expect(
            scratch.read("reports/cases.csv")
                == """
                case_id,in_cohort,group,entry_time,events,deviations,unwarranted,warranted,unassessed,conformant
                1,true,North,2024-03-01T08:00:00+00:00,3,0,0,0,0,true
                2,true,South,2024-03-01T09:00:00+00:00,2,2,2,0,0,false
                3,false,(unknown),,1,0,0,0,0,true

                """)
    }

    @Test func aFailedAuditLeavesThePreviousReportsIntact() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log)
        let out = scratch.path("reports")
        try PathvarBinary.run(["audit", "--pathway", Self.pathway, "--log", log, "--out", out, "-q"])
        let before = try #require(scratch.read("reports/cases.csv"))
        let bad = scratch.write("bad.csv", "case_id,activity,timestamp\n1,Arrival,yesterday\n")
        let run = try PathvarBinary.run(["audit", "--pathway", Self.pathway, "--log", bad, "--out", out])
        #expect(run.status == 1)
        #expect(run.standardError.contains("\(bad):2: error:"))
        #expect(scratch.read("reports/cases.csv") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
        #expect(leftovers.sorted() == ["bad.csv", "log.csv", "reports"])
    }

    @Test func skippedRowsAreAccountedFor() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log + "4,Arrival,not a time,North\n,Triage,2024-03-01T10:00:00Z,\n")
        let out = scratch.path("reports")
        let run = try PathvarBinary.run([
            "audit", "--pathway", Self.pathway, "--log", log, "--out", out, "--skip-bad-rows",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardError.contains("read 8 rows: 6 accepted, 2 rejected"))
        let rejected = try #require(scratch.read("reports/rejected.csv"))
        #expect(rejected.split(separator: "\n").count == 3)
    }

    @Test func explainTellsOneCase() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log)
        let run = try PathvarBinary.run(["explain", "--pathway", Self.pathway, "--log", log, "2"])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            run.standardOutput.contains(
                "care / triage: late — unwarranted (undocumented); expected <= PT30M after entry, observed PT45M"))
        #expect(run.standardOutput.contains("Not conformant: 2 unwarranted deviations."))
        let missing = try PathvarBinary.run(["explain", "--pathway", Self.pathway, "--log", log, "99"])
        #expect(missing.status == 1)
        #expect(missing.standardError == "\(log): error: no case '99' in the log\n")
    }

    @Test func blindingHidesGroupNamesEverywhereButTheKey() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log)
        let out = scratch.path("reports")
        let run = try PathvarBinary.run([
            "audit", "--pathway", Self.pathway, "--log", log, "--out", out, "--blind", "-q",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        for name in names where name != "blinding-key.csv" {
            let text = try #require(scratch.read("reports/\(name)"))
            #expect(!text.contains("North") && !text.contains("South"), "\(name) names a group")
        }
        let key = try #require(scratch.read("reports/blinding-key.csv"))
        #expect(key.hasPrefix("pseudonym,group\nUnit 0"))
        #expect(key.contains("North") && key.contains("South"))
    }

    @Test func pseudonymsNeedAKeyFromTheEnvironment() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", Self.log)
        let out = scratch.path("reports")
        let refused = try PathvarBinary.run([
            "audit", "--pathway", Self.pathway, "--log", log, "--out", out, "--pseudonymise-cases",
        ])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--pseudonymise-cases needs a key"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let keyed = try PathvarBinary.run(
            ["audit", "--pathway", Self.pathway, "--log", log, "--out", out, "--pseudonymise-cases", "-q"],
            environment: ["PATHVAR_CASE_KEY": "a long enough test key, not a real one"])
        #expect(keyed.status == 0, "\(keyed.standardError)")
        let cases = try #require(scratch.read("reports/cases.csv"))
        let ids = cases.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(ids.count == 3)
        #expect(ids.allSatisfy { $0.count == 24 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func logFromStandardInput() throws {
        let scratch = Scratch()
        let out = scratch.path("reports")
        let run = try PathvarBinary.run(
            ["audit", "--pathway", Self.pathway, "--log", "-", "--format", "csv", "--out", out, "-q"],
            standardInput: Data(Self.log.utf8))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(scratch.read("reports/cases.csv")?.contains("2,true,South") == true)
    }
}
