import ArgumentParser
import PathvarCore

/// `pathvar demo`: the whole audit on synthetic data, in one command.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Audit a synthetic log for the bundled sepsis pathway and write every report to reports/demo/."
    )

    @Option(help: "The pathway to demonstrate.")
    var pathway = "pathways/sepsis-ed.xml"

    @Option(help: "Folder for the reports.")
    var out = "reports/demo"

    func run() throws {
        let result = try Diagnostics.orExit { () throws(DiagnosticError) in
            try Demo.run(pathwayPath: pathway, destination: out, today: CalendarDate.today())
        }
        let cohort = result.outcomes.filter(\.inCohort).count
        print("audited \(plural(result.outcomes.count, "synthetic case")) (\(cohort) in the cohort)")
        print("open \(out)/report.html in a browser, or read \(out)/report.txt")
    }
}
