import ArgumentParser
import PathvarCore

/// `pathvar explain`: one case's events against the pathway, each deviation and its class.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why one case was flagged: its events against the pathway, and each deviation."
    )

    @Option(help: "The pathway definition (XML).")
    var pathway: String

    @OptionGroup var log: LogOptions

    @Option(name: .customLong("group-by"), help: "Attribute that names a case's unit, overriding the pathway's.")
    var groupBy: String?

    @Argument(help: "The case id, as in cases.csv.")
    var caseId: String

    func run() throws {
        let loaded = try Diagnostics.orExit { () throws(DiagnosticError) in
            try PathwayParser.loadChecked(path: pathway, today: nil)
        }
        var configuration = AuditConfiguration(logPath: log.log)
        configuration.read = try log.readOptions()
        configuration.groupBy = groupBy
        let text = try Diagnostics.orExit { () throws(DiagnosticError) in
            try Audit.explain(caseId: caseId, pathway: loaded.0, configuration: configuration)
        }
        guard let text else {
            Terminal.standardError("\(log.log): error: no case '\(caseId)' in the log")
            throw ExitCode(1)
        }
        print(text, terminator: "")
    }
}
