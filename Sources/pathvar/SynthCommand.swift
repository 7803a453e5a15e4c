import ArgumentParser
import PathvarCore

/// `pathvar synth`: a deterministic synthetic log for a pathway, for demos and benchmarks.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a deterministic synthetic event log shaped by a pathway (CSV or XES)."
    )

    @Option(help: "The pathway the log should follow (with realistic departures).")
    var pathway: String

    @Option(help: "Number of cases.")
    var cases = 1000

    @Option(help: "Random seed: the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(help: "csv or xes (default: from the output name).")
    var format: String?

    @Option(help: "Output file; - for standard output.")
    var out: String

    func run() throws {
        let loaded = try Diagnostics.orExit { () throws(DiagnosticError) in
            try PathwayParser.loadChecked(path: pathway, today: nil)
        }
        let chosen = format.flatMap { LogFormat(rawValue: $0.lowercased()) } ?? LogFormat.guess(fromPath: out) ?? .csv
        let log = SyntheticLog(pathway: loaded.0, cases: cases, seed: seed)
        let events = try Diagnostics.orExit { () throws(DiagnosticError) in
            try log.write(to: out, format: chosen)
        }
        if out != "-" { Terminal.standardError("wrote \(plural(cases, "case")), \(plural(events, "event")) to \(out)") }
    }
}
