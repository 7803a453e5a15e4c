import Foundation
import Testing

@testable import PathvarCore

/// `reports/demo/` is the committed output of `pathvar demo`: this test regenerates it and
/// fails when the committed files are stale. Run with `PATHVAR_UPDATE_DEMO=1` to refresh them.
@Suite struct DemoReportsTests {
    /// The review-date warning depends on the day; the committed demo is made as of this one.
    static let asOf = CalendarDate(year: 2026, month: 11, day: 22)

    @Test func committedDemoReportsAreCurrent() throws {
        let scratch = TemporaryFolder()
        let fresh = scratch.path("demo")
        _ = try Demo.run(pathwayPath: Fixtures.project("pathways/sepsis-ed.xml"), destination: fresh, today: Self.asOf)
        let committed = Fixtures.project("reports/demo")
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: fresh).sorted()
        if ProcessInfo.processInfo.environment["PATHVAR_UPDATE_DEMO"] == "1" {
            try? manager.removeItem(atPath: committed)
            try manager.copyItem(atPath: fresh, toPath: committed)
            return
        }
        let committedNames = (try? manager.contentsOfDirectory(atPath: committed).sorted()) ?? []
        #expect(
            names == committedNames, "reports/demo is stale: run PATHVAR_UPDATE_DEMO=1 swift test --filter DemoReports")
        for name in names {
            let new = manager.contents(atPath: "\(fresh)/\(name)")
            let old = manager.contents(atPath: "\(committed)/\(name)")
            #expect(
                new == old, "reports/demo/\(name) is stale: run PATHVAR_UPDATE_DEMO=1 swift test --filter DemoReports")
        }
    }

    @Test func demoIsTheSameOnOneCoreAndMany() throws {
        let scratch = TemporaryFolder()
        let pathway = Fixtures.project("pathways/sepsis-ed.xml")
        _ = try Demo.run(pathwayPath: pathway, destination: scratch.path("one"), today: Self.asOf, threads: 1)
        _ = try Demo.run(pathwayPath: pathway, destination: scratch.path("many"), today: Self.asOf, threads: 4)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path("one")).sorted()
        #expect(names.count >= 9)
        for name in names {
            #expect(
                FileManager.default.contents(atPath: scratch.path("one/\(name)"))
                    == FileManager.default.contents(atPath: scratch.path("many/\(name)")), "\(name) differs")
        }
    }
}
