import ArgumentParser
import Foundation
import PathvarCore

/// `pathvar audit`: match a log against a pathway and write the reports.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit an event log against a pathway and write the variation reports.",
        discussion: """
            Every case is matched against the pathway; each departure is classed as warranted, \
            unwarranted or unassessed according to the mode of care of its stage. Reports are \
            written to a staging folder and moved into --out only when complete.
            """
    )

    @Option(help: "The pathway definition (XML).")
    var pathway: String

    @OptionGroup var log: LogOptions

    @Option(help: "Folder for the reports (default: reports/<pathway id>/).")
    var out: String?

    @Option(name: .customLong("group-by"), help: "Attribute that names a case's unit, overriding the pathway's.")
    var groupBy: String?

    @Flag(help: "Replace group labels by pseudonyms (Unit 01, ...); the key goes to blinding-key.csv only.")
    var blind = false

    @Flag(
        help: ArgumentHelp(
            "Replace case ids by a keyed HMAC-SHA256.",
            discussion:
                "The key is read from the file named by PATHVAR_CASE_KEY_FILE, or from PATHVAR_CASE_KEY; never from the command line."
        ))
    var pseudonymiseCases = false

    @Option(help: "Also write the audit's aggregates to this partial-result file, for 'pathvar merge'.")
    var partial: String?

    @Flag(help: "Write only the partial result (no reports).")
    var partialOnly = false

    @Flag(help: "Put case ids and case-level rows into the partial result (they stay out by default).")
    var includeCases = false

    @Option(help: "This site's label in a partial result, so that a merged funnel plot compares sites.")
    var site: String?

    @Option(help: "Audit one shard of the log: INDEX/COUNT, INDEX from 0 (split by a hash of the case id).")
    var shard: String?

    @Option(help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if partialOnly && partial == nil { throw ValidationError("--partial-only needs --partial FILE") }
        if (includeCases || site != nil) && partial == nil {
            throw ValidationError("--include-cases and --site describe a partial result: add --partial FILE")
        }
        if blind && partial != nil {
            throw ValidationError(
                "--blind applies to reports, not partial results: blind the merged report ('pathvar merge --blind')")
        }
        if let shard, Shard(shard) == nil {
            throw ValidationError(
                "--shard must be INDEX/COUNT with INDEX from 0 to COUNT-1, such as 0/4; not '\(shard)'")
        }
    }

    func run() throws {
        let caseKey = pseudonymiseCases ? try CaseKey.load() : nil
        let loaded = try Diagnostics.orExit { () throws(DiagnosticError) in
            try PathwayParser.loadChecked(path: pathway, today: CalendarDate.today())
        }
        for warning in loaded.warnings where !quiet { Terminal.standardError(warning.description) }
        var configuration = AuditConfiguration(logPath: log.log)
        configuration.read = try log.readOptions()
        configuration.groupBy = groupBy
        configuration.shard = shard.flatMap(Shard.init)
        // A partial result alone needs no case rows: add cases up as they are read.
        configuration.keepCases = !(partialOnly && !includeCases)
        if let threads { configuration.threads = max(1, threads) }
        let progress = ProgressLine.make(logPath: log.log, quiet: quiet)
        if let progress { configuration.progress = { progress.update($0) } }
        let result = try Diagnostics.orExit { () throws(DiagnosticError) in
            defer { progress?.finish() }
            return try Audit.run(pathway: loaded.0, configuration: configuration)
        }
        if !quiet { for note in result.notes { Terminal.standardError("note: \(note)") } }
        let destination = out ?? "reports/\(loaded.0.id)"
        var reportOptions = ReportOptions()
        reportOptions.includeRejected = log.skipBadRows
        reportOptions.blind = blind
        reportOptions.today = CalendarDate.today()
        reportOptions.logName = log.log
        reportOptions.caseKey = caseKey
        try Diagnostics.orExit { () throws(DiagnosticError) in
            if let partial {
                let source = String(decoding: FileManager.default.contents(atPath: pathway) ?? Data(), as: UTF8.self)
                try PartialResult(
                    result: result, pathwaySource: source, site: site, shard: configuration.shard,
                    includeCases: includeCases, options: reportOptions
                ).write(to: partial)
            }
            if !partialOnly { try ReportSet.write(result, to: destination, options: reportOptions) }
        }
        if !quiet {
            let cohortCount = result.tally.cohortCases
            let conformant = result.tally.conformantCases
            let caseCount = result.tally.cases
            Terminal.standardError(result.statistics.summary)
            print(
                "audited \(plural(caseCount, "case")) (\(cohortCount) in the cohort, "
                    + "\(conformant) conformant)"
                    + (partialOnly ? "; partial result in \(partial!)" : "; reports in \(destination)/"))
        }
    }
}

/// Printing diagnostics and turning them into an exit code, in one place.
enum Diagnostics {
    static func orExit<T>(_ body: () throws(DiagnosticError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            for diagnostic in error.diagnostics { Terminal.standardError(diagnostic.description) }
            throw ExitCode(1)
        }
    }
}
