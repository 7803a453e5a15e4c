import Foundation
import Testing

/// Ten million events: shards of one audit merge to the single run, and a multi-gigabyte XES
/// is audited under a memory cap far below its size. These need a release build and a few
/// minutes, so they run when `PATHVAR_SCALE_TESTS=1` (CI sets it after `swift build -c
/// release`); `PATHVAR_BINARY` names the binary (default `.build/release/pathvar`).
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["PATHVAR_SCALE_TESTS"] == "1",
        "set PATHVAR_SCALE_TESTS=1 with a release build to run the 10-million-event tests"))
struct ScaleTests {
    static var binary: String {
        ProcessInfo.processInfo.environment["PATHVAR_BINARY"]
            ?? PathvarBinary.projectRoot.appendingPathComponent(".build/release/pathvar").path
    }

    /// Cases of `pathways/sepsis-ed.xml` for just over ten million events (10,177,093).
    static let cases = "970000"

    static func run(_ arguments: [String], limit: String? = nil) throws -> (status: Int32, error: String) {
        let process = Process()
        if let limit {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = [limit, binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = PathvarBinary.projectRoot
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(.timeLimit(.minutes(15))) func tenMillionEventsInTwoThreeAndSevenShards() throws {
        let scratch = Scratch()
        let log = scratch.path("ten-million.csv")
        let pathway = "pathways/sepsis-ed.xml"
        try #require(try Self.run(["synth", "--pathway", pathway, "--cases", Self.cases, "--out", log]).status == 0)
        let single = try Self.run(["audit", "--pathway", pathway, "--log", log, "--out", scratch.path("single"), "-q"])
        try #require(single.status == 0, "\(single.error)")
        for count in [2, 3, 7] {
            var paths: [String] = []
            for index in 0..<count {
                let path = scratch.path("shard-\(count)-\(index).json")
                let run = try Self.run([
                    "audit", "--pathway", pathway, "--log", log, "--shard", "\(index)/\(count)", "--partial", path,
                    "--partial-only", "-q",
                ])
                #expect(run.status == 0, "\(run.error)")
                paths.append(path)
            }
            let out = scratch.path("merged-\(count)")
            let merged = try Self.run(["merge"] + paths.reversed() + ["--out", out, "-q"])
            #expect(merged.status == 0, "\(merged.error)")
            for name in ["steps.csv", "groups.csv", "choices.csv", "variance.csv", "monthly.csv", "offpathway.csv"] {
                #expect(scratch.read("single/\(name)") == scratch.read("merged-\(count)/\(name)"), "\(name), \(count) shards")
            }
        }
    }

    @Test(.timeLimit(.minutes(15))) func multiGigabyteXESUnderAMemoryCap() throws {
        let scratch = Scratch()
        let log = scratch.path("ten-million.xes")
        try #require(
            try Self.run(["synth", "--pathway", "pathways/sepsis-ed.xml", "--cases", Self.cases, "--out", log]).status == 0)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
        #expect(size > 3_000_000_000)
        // 1.5 GiB of address space for a file of more than 3 GB: the reader holds one trace at
        // a time; what grows is one small record per case for the reports.
        let run = try Self.run(
            ["audit", "--pathway", "pathways/sepsis-ed.xml", "--log", log, "--out", scratch.path("out"), "-q"],
            limit: "--as=\(3 << 29)")
        #expect(run.status == 0, "\(run.error)")
        #expect(FileManager.default.fileExists(atPath: scratch.path("out/report.html")))
    }
}
