import ArgumentParser
import PathvarCore

@main
struct Pathvar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathvar",
        abstract: "Audit care pathways: split variation into warranted and unwarranted.",
        version: PathvarVersion.current,
        subcommands: [
            AuditCommand.self, ExplainCommand.self, ValidateCommand.self, MergeCommand.self, DemoCommand.self,
            SynthCommand.self,
        ]
    )

    static func main() {
        Interruption.install()
        main(nil)
    }
}
