import Foundation
import Testing

@testable import PathvarCore

/// A timing harness, not a test: it prints the reader's speed and asserts nothing about it.
/// Off unless asked for, and only meaningful in a release build:
///
///     PATHVAR_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing \
///       --filter CSVThroughputTests
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["PATHVAR_BENCHMARK"] != nil,
        "timing harness: set PATHVAR_BENCHMARK=1 and build in release"))
struct CSVThroughputTests {
    static let activities = [
        "ER Registration", "ER Triage", "ER Sepsis Triage", "Leucocytes", "CRP", "LacticAcid",
        "IV Antibiotics", "IV Liquid", "Admission NC", "Admission IC", "Release A", "Return ER",
    ]

    /// About 70 bytes a row, twenty rows a case, times with milliseconds and an offset.
    static func writeLog(rows: Int, to path: String) {
        var text = "case_id,activity,timestamp,org:group,cost\n"
        text.reserveCapacity(rows * 72)
        var random = SplitMix(seed: 7)
        for row in 0..<rows {
            let activity = activities[Int(random.next() % UInt64(activities.count))]
            let day = 1 + row / 20 % 28
            let minute = row % 60
            let group = UnicodeScalar(65 + Int(random.next() % 26))!
            text += "case-\(row / 20),\(activity),2014-10-\(day < 10 ? "0" : "")\(day)T11:"
            text +=
                "\(minute < 10 ? "0" : "")\(minute):41.\(100 + row % 900)+02:00,\(group),\(row % 500)\n"
        }
        precondition(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    }

    @Test func readerThroughput() throws {
        let folder = TemporaryFolder()
        let path = folder.url.appendingPathComponent("throughput.csv").path
        Self.writeLog(rows: 2_000_000, to: path)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let log = try readCSV(path) { $0.attributeKeys = AttributeKeys(["org:group"]) }
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            let bytes = Double(log.statistics.bytesRead)
            let events = Double(log.statistics.rowsAccepted)
            print(
                "CSV reader: \(Int(bytes / 1e6)) MB, \(Int(events)) events in"
                    + " \((seconds * 1000).rounded() / 1000) s: \(Int(bytes / 1e6 / seconds)) MB/s,"
                    + " \((events / 1e5 / seconds).rounded() / 10) M events/s")
        }
    }
}
