import Foundation
import Testing

/// Failures outside the input: an output folder that cannot be written, a full disk, an
/// interrupt. Each ends with a clear message and a non-zero exit, never a partial report, and
/// the previous reports stay as they were.
@Suite(.serialized) struct FailureTests {
    static let pathway = CommandLineTests.pathway

    @Test func outputFolderThatCannotBeCreated() throws {
        let scratch = Scratch()
        let log = scratch.write("log.csv", CommandLineTests.log)
        let blocker = scratch.write("not-a-folder", "")
        let run = try PathvarBinary.run([
            "audit", "--pathway", Self.pathway, "--log", log, "--out", blocker + "/reports",
        ])
        #expect(run.status == 1)
        #expect(run.standardError.contains("\(blocker)/reports: error: cannot create the report folder"))
    }

    @Test func fullDiskLeavesThePreviousReports() throws {
        let scratch = Scratch()
        let small = scratch.write("small.csv", CommandLineTests.log)
        let big = scratch.path("big.csv")
        try #require(
            PathvarBinary.run(["synth", "--pathway", "pathways/sepsis-ed.xml", "--cases", "2000", "--out", big]).status
                == 0)
        let disk = scratch.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        // A 64 KiB filesystem where one can be mounted; otherwise a 64 KiB limit on file size.
        let mounted = Self.shell("mount -t tmpfs -o size=64k tmpfs '\(disk)'") == 0
        defer { if mounted { _ = Self.shell("umount '\(disk)'") } }
        let out = disk + "/reports"
        let first = try PathvarBinary.run(["audit", "--pathway", Self.pathway, "--log", small, "--out", out, "-q"])
        #expect(first.status == 0, "\(first.standardError)")
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let cases = FileManager.default.contents(atPath: out + "/cases.csv")
        var arguments = ["audit", "--pathway", "pathways/sepsis-ed.xml", "--log", big, "--out", out]
        if !mounted { arguments = ["--fsize=65536", PathvarBinary.url.path] + arguments }
        let run = try mounted ? PathvarBinary.run(arguments) : Self.runPrlimit(arguments)
        #expect(run.status == 1)
        #expect(
            run.standardError.contains(mounted ? "No space left on device" : "File too large"), "\(run.standardError)")
        #expect(run.standardError.contains("the previous reports were left as they were"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(FileManager.default.contents(atPath: out + "/cases.csv") == cases)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: disk) == ["reports"], "a staging folder was left behind"
        )
    }

    @Test(arguments: [(SIGINT, Int32(130), "interrupted"), (SIGTERM, Int32(143), "terminated")])
    func interruptedAuditWritesNothing(signal: Int32, status: Int32, word: String) throws {
        let scratch = Scratch()
        let out = scratch.path("reports")
        let small = scratch.write("small.csv", CommandLineTests.log)
        try #require(
            PathvarBinary.run(["audit", "--pathway", Self.pathway, "--log", small, "--out", out, "-q"]).status == 0)
        let before = FileManager.default.contents(atPath: out + "/cases.csv")
        // The log arrives on standard input and never ends: the audit is mid-read when stopped.
        let process = Process()
        process.executableURL = PathvarBinary.url
        process.currentDirectoryURL = PathvarBinary.projectRoot
        process.arguments = ["audit", "--pathway", Self.pathway, "--log", "-", "--format", "csv", "--out", out]
        let input = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(CommandLineTests.log.utf8))
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == status)
        #expect(
            message.contains("pathvar: \(word): no reports were written; any previous reports were left as they were"))
        #expect(FileManager.default.contents(atPath: out + "/cases.csv") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == ["reports", "small.csv"])
    }

    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func runPrlimit(_ arguments: [String]) throws -> PathvarBinary.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = arguments
        process.currentDirectoryURL = PathvarBinary.projectRoot
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return PathvarBinary.Run(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}
