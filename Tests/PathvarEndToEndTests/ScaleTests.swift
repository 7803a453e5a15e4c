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
        var environment = ProcessInfo.processInfo.environment
        environment["MALLOC_ARENA_MAX"] = "2"
        process.environment = environment
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
                #expect(
                    scratch.read("single/\(name)") == scratch.read("merged-\(count)/\(name)"),
                    "\(name), \(count) shards")
            }
        }
    }

    /// A 1.7 GB XES of ten million events and a 1.2 GB case-grouped CSV of twenty million,
    /// each audited to a partial result under a 384 MiB address-space cap (about 100 MB
    /// resident was measured): readers hold one case at a time and a
    /// partial result adds cases up as they are read. (glibc is asked for two malloc arenas, so
    /// that address space reserved per thread does not count against the cap.)
    @Test(.timeLimit(.minutes(15))) func tenMillionEventsUnderAMemoryCapFarBelowTheFileSize() throws {
        let scratch = Scratch()
        var merged: [String] = []
        for format in ["xes", "csv"] {
            let log = scratch.path("ten-million.\(format)")
            let cases = format == "xes" ? Self.cases : "1940000"
            try #require(
                try Self.run(["synth", "--pathway", "pathways/sepsis-ed.xml", "--cases", cases, "--out", log]).status
                    == 0)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int)
            #expect(size > 1_000_000_000)
            let partial = scratch.path("\(format).json")
            let run = try Self.run(
                [
                    "audit", "--pathway", "pathways/sepsis-ed.xml", "--log", log, "--partial", partial,
                    "--partial-only",
                    "-q",
                ], limit: "--as=\(384 << 20)")
            #expect(run.status == 0, "\(format): \(run.error)")
            try FileManager.default.removeItem(atPath: log)
            let out = scratch.path("merged-\(format)")
            #expect(try Self.run(["merge", partial, "--out", out, "-q"]).status == 0)
            merged.append(out)
        }
        for out in merged { #expect(FileManager.default.fileExists(atPath: "\(out)/steps.csv")) }
    }
}
