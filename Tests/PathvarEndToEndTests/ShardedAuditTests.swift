import Foundation
import Testing

/// Shards of one audit run as separate processes at once, as a scheduler would run them,
/// then `pathvar merge`: the aggregate reports equal those of one run.
@Suite struct ShardedAuditTests {
    @Test func parallelShardProcessesMergeToTheSingleRun() throws {
        let scratch = Scratch()
        let log = scratch.path("log.csv")
        let pathway = "pathways/hip-fracture.xml"
        try #require(PathvarBinary.run(["synth", "--pathway", pathway, "--cases", "400", "--out", log]).status == 0)
        let single = try PathvarBinary.run([
            "audit", "--pathway", pathway, "--log", log, "--out", scratch.path("single"), "-q",
        ])
        #expect(single.status == 0, "\(single.standardError)")
        let count = 4
        let processes = try (0..<count).map { index -> Process in
            let process = Process()
            process.executableURL = PathvarBinary.url
            process.currentDirectoryURL = PathvarBinary.projectRoot
            process.arguments = [
                "audit", "--pathway", pathway, "--log", log, "--shard", "\(index)/\(count)",
                "--partial", scratch.path("shard-\(index).json"), "--partial-only", "-q",
            ]
            try process.run()
            return process
        }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let merged = try PathvarBinary.run(
            ["merge"] + (0..<count).reversed().map { scratch.path("shard-\($0).json") } + [
                "--out", scratch.path("merged"),
            ])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.standardOutput.hasPrefix("merged 4 partial results (400 cases,"))
        for name in ["steps.csv", "groups.csv", "choices.csv", "variance.csv", "monthly.csv", "offpathway.csv"] {
            #expect(scratch.read("single/\(name)") == scratch.read("merged/\(name)"), "\(name) differs")
        }
    }

    @Test func nonAdjacentRowsFromStandardInputAreHeldWhole() throws {
        let scratch = Scratch()
        let log = """
            case_id,activity,timestamp,ward
            1,Arrival,2024-03-01T08:00:00Z,North
            2,Arrival,2024-03-01T09:00:00Z,South
            1,Triage,2024-03-01T08:10:00Z,
            1,Treatment,2024-03-01T08:40:00Z,

            """
        let run = try PathvarBinary.run(
            [
                "audit", "--pathway", CommandLineTests.pathway, "--log", "-", "--format", "csv", "--out",
                scratch.path("out"), "-q",
            ], standardInput: Data(log.utf8))
        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            scratch.read("out/cases.csv")?.contains("1,true,North,2024-03-01T08:00:00+00:00,3,0,0,0,0,true") == true)
    }
}

/// The example deployment files in `docs/` are well-formed and describe the same sharded audit.
@Suite struct DeploymentExampleTests {
    static func python(_ script: String, module: String) throws -> (status: Int32, output: String)? {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import \(module)"]
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return nil }
        check.waitUntilExit()
        guard check.terminationStatus == 0 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = PathvarBinary.projectRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test func kubernetesIndexedJobParses() throws {
        let script = """
            import yaml
            jobs = list(yaml.safe_load_all(open("docs/kubernetes/pathvar-audit-shards.yaml")))
            shards, merge = jobs
            spec = shards["spec"]
            assert shards["kind"] == "Job" and spec["completionMode"] == "Indexed", "not an Indexed Job"
            n = spec["completions"]
            args = " ".join(spec["template"]["spec"]["containers"][0]["args"])
            assert '--shard "${JOB_COMPLETION_INDEX}/' + str(n) + '"' in args, args
            assert "--partial" in args and "pathvar audit" in args
            assert "pathvar merge" in " ".join(merge["spec"]["template"]["spec"]["containers"][0]["args"])
            print("ok", n)
            """
        guard let (status, output) = try Self.python(script, module: "yaml") else {
            print("python3 with PyYAML is not on this machine: the Kubernetes example was not parsed")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(output == "ok 8\n")
    }

    @Test func slurmArrayScriptIsValidShell() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-n", "docs/slurm/pathvar-audit-shards.sh"]
        process.currentDirectoryURL = PathvarBinary.projectRoot
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let text = try String(
            contentsOf: PathvarBinary.projectRoot.appendingPathComponent("docs/slurm/pathvar-audit-shards.sh"),
            encoding: .utf8)
        #expect(text.contains("#SBATCH --array=0-7"))
        #expect(text.contains("SHARDS=8"))
        #expect(text.contains(#"--shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}""#))
        #expect(text.contains("pathvar merge"))
    }

    @Test func partialResultsMatchTheirSchema() throws {
        let scratch = Scratch()
        let log = scratch.path("log.csv")
        let pathway = "pathways/sepsis-ed.xml"
        try #require(PathvarBinary.run(["synth", "--pathway", pathway, "--cases", "100", "--out", log]).status == 0)
        let partial = scratch.path("partial.json")
        let run = try PathvarBinary.run([
            "audit", "--pathway", pathway, "--log", log, "--partial", partial, "--partial-only", "--site", "North",
            "--include-cases", "-q",
        ])
        #expect(run.status == 0, "\(run.standardError)")
        let script = """
            import json, jsonschema
            jsonschema.validate(json.load(open("\(partial)")), json.load(open("docs/partial-result.schema.json")))
            print("valid")
            """
        guard let (status, output) = try Self.python(script, module: "jsonschema") else {
            print(
                "python3 with jsonschema is not on this machine: the partial result was not checked against its schema")
            return
        }
        #expect(status == 0, "\(output)")
        #expect(output == "valid\n")
    }
}
