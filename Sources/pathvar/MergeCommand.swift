import ArgumentParser
import PathvarCore

/// `pathvar merge`: combine partial results (sites, or shards of one log) into the reports a
/// single audit of all their cases would have given.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge partial results of one pathway into one set of reports.",
        discussion: """
            Every partial must come from the same pathway (same id, version and content) and the \
            same --timezone. When every partial has a --site label, groups are the sites.
            """
    )

    @Argument(help: "Partial-result files written by 'pathvar audit --partial'.")
    var partials: [String]

    @Option(help: "Folder for the merged reports.")
    var out: String

    @Flag(help: "Compare the partials' own groups even when they have site labels.")
    var groups = false

    @Flag(help: "Replace group (or site) labels by pseudonyms; the key goes to blinding-key.csv only.")
    var blind = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let merged = try Diagnostics.orExit { () throws(DiagnosticError) in
            var read: [(path: String, partial: PartialResult)] = []
            for path in partials { read.append((path, try PartialResult.read(path: path))) }
            return try PartialMerge.merge(read, bySite: groups ? false : nil)
        }
        var options = ReportOptions()
        options.blind = blind
        options.today = CalendarDate.today()
        options.logName = "\(plural(partials.count, "partial result")) merged"
        try Diagnostics.orExit { () throws(DiagnosticError) in
            try ReportSet.write(ReportSet.files(for: merged, options: options), to: out)
        }
        if !quiet {
            print(
                "merged \(plural(merged.sources, "partial result")) (\(plural(merged.totals.cases, "case")), "
                    + "\(merged.totals.cohortCases) in the cohort); reports in \(out)/")
        }
    }
}
