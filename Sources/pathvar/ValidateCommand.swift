import ArgumentParser
import PathvarCore

/// `pathvar validate FILE...`: check pathway definitions and print every problem the way a
/// compiler does, so that editors can jump to it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check pathway definitions against the schema and the pathway rules.",
        discussion: """
            Prints each problem as FILE:LINE:COLUMN: error: message (warnings likewise) and \
            exits non-zero when any file has an error.
            """
    )

    @Argument(help: "Pathway XML files.")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print nothing for files without problems.")
    var quiet = false

    func run() throws {
        var failed = false
        let today = CalendarDate.today()
        for file in files {
            let result = PathwayParser.load(path: file, today: today)
            for diagnostic in result.diagnostics { Terminal.standardError(diagnostic.description) }
            if result.hasErrors {
                failed = true
            } else if let pathway = result.pathway, !quiet {
                let elements = pathway.elements.count
                let warnings = result.diagnostics.count
                let suffix = warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"
                print(
                    "\(file): valid: '\(pathway.id)' version \(pathway.version), "
                        + "\(plural(pathway.stages.count, "stage")), \(plural(elements, "element"))\(suffix)")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// `1 stage`, `3 stages`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
