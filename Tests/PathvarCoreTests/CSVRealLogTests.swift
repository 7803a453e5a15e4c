import Foundation
import Testing

@testable import PathvarCore

/// The real public logs in `../shared/data` (see its README): exact case and event counts.
@Suite(.enabled(if: Fixtures.hasSharedData, "the shared data folder ../shared/data is absent"))
struct CSVRealLogTests {
    @Test func sepsisDiscoExport() throws {
        let path = try #require(Fixtures.sharedData("sepsis/sepsis-cases.csv.gz"))
        let log = try readCSV(path) {
            $0.timeZone = "Europe/Amsterdam"
            $0.attributeKeys = AttributeKeys(["org:group", "Diagnose", "lifecycle:transition"])
        }
        #expect(log.cases.count == 1050)
        #expect(log.cases.reduce(0) { $0 + $1.events.count } == 15_214)
        #expect(log.statistics.rowsRead == 15_214)
        #expect(log.statistics.rowsRejected == 0)
        let activities = Set(log.cases.flatMap { $0.events.map(\.activity) })
        #expect(activities.count == 16)
        let groups = Set(
            log.cases.flatMap { logCase in
                logCase.events.indices.map { logCase.value(event: $0, key: 0) }
            })
        #expect(groups.count == 26)
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        let first = log.cases[0]
        #expect(log.symbols.string(first.id) == "A")
        #expect(log.symbols.string(first.events[0].activity) == "ER Registration")
        #expect(clock.iso8601(first.events[0].time) == "2014-10-22T11:15:41+02:00")
        #expect(log.statistics.earliest.map(clock.iso8601) == "2013-11-07T08:18:29+01:00")
        #expect(log.statistics.latest.map(clock.iso8601) == "2015-06-05T12:25:11+02:00")
        #expect(
            log.notes == [
                "columns: case = \"Case ID\", activity = \"Activity\", timestamp = \"Complete Timestamp\";"
                    + " delimiter ';'",
                "timestamps without an offset were read as Europe/Amsterdam time",
            ])
        for logCase in log.cases {
            #expect(zip(logCase.events, logCase.events.dropFirst()).allSatisfy { $0.time <= $1.time })
        }
    }

    @Test func bpic2011HospitalLog() throws {
        let path = try #require(Fixtures.sharedData("bpic2011-hospital/hospital-log.csv.gz"))
        let log = try readCSV(path) { $0.attributeKeys = AttributeKeys(["group", "section"]) }
        #expect(log.cases.count == 1143)
        #expect(log.cases.reduce(0) { $0 + $1.events.count } == 150_291)
        #expect(log.statistics.rowsRead == 150_291)
        // Activity names keep their runs of spaces: 624 distinct.
        #expect(Set(log.cases.flatMap { $0.events.map(\.activity) }).count == 624)
        #expect(log.symbols.string(log.cases[0].id) == "00000000")
        #expect(log.cases[0].events.count == 75)
        let clock = try ZonedClock(timeZone: "UTC")
        #expect(log.statistics.earliest.map(clock.iso8601) == "2005-01-03T00:00:00+00:00")
        #expect(log.statistics.latest.map(clock.iso8601) == "2008-03-20T00:00:00+00:00")
        #expect(
            log.notes.first
                == "columns: case = \"case_id\", activity = \"activity\", timestamp = \"timestamp\";"
                + " delimiter ','")
        let held = try readCSV(path) { $0.holdAllCases = true }
        #expect(held.outline == log.outline)
    }
}
