/// What the report stage is asked for, beyond the audit itself.
public struct ReportOptions: Sendable {
    /// Write `rejected.csv` (with `--skip-bad-rows`).
    public var includeRejected = false
    /// Replace group labels by pseudonyms; the key goes to `blinding-key.csv`.
    public var blind = false
    /// Key for pseudonymising case ids (HMAC-SHA256); nil keeps the log's ids.
    public var caseKey: [UInt8]?
    /// The day the review date is compared with (nil: no such warning).
    public var today: CalendarDate?
    /// The log's name as the report shows it.
    public var logName = ""

    public init() {}
}

/// Writes every report of an audit into a folder, all or nothing.
public enum ReportSet {
    /// The files written, in the order they are written.
    public static func files(for result: AuditResult, options: ReportOptions) -> [(name: String, bytes: [UInt8])] {
        let labels = ReportLabels(result: result, blind: options.blind, caseKey: options.caseKey)
        let totals = AuditTotals(result, groupName: { labels.group($0).text })
        let groupsFromInput = result.compiled.groupKey != nil && !options.blind
        var files: [(String, [UInt8])] = [
            ("cases.csv", CaseReports.casesCSV(result, labels: labels)),
            ("deviations.csv", CaseReports.deviationsCSV(result, labels: labels)),
            ("steps.csv", AggregateReports.stepsCSV(totals)),
            ("groups.csv", AggregateReports.groupsCSV(totals, groupsFromInput: groupsFromInput)),
            ("choices.csv", AggregateReports.choicesCSV(totals)),
            ("variance.csv", AggregateReports.varianceCSV(totals, pathway: result.pathway)),
            ("monthly.csv", AggregateReports.monthlyCSV(totals)),
            ("offpathway.csv", AggregateReports.offPathwayCSV(totals)),
        ]
        let content = ReportContent(
            totals: totals, pathway: result.pathway, result: result, labels: labels, options: options,
            timeZone: result.clock.timeZone, clock: result.clock)
        files.append(("report.txt", Array(TextReport.render(content).utf8)))
        files.append(("report.html", Array(HTMLReport.render(content).utf8)))
        if options.includeRejected { files.append(("rejected.csv", CaseReports.rejectedCSV(result.statistics))) }
        if options.blind { files.append(("blinding-key.csv", labels.blindingKeyCSV())) }
        return files
    }

    /// Writes the reports to `destination`, replacing what was there only once all are written.
    public static func write(_ result: AuditResult, to destination: String, options: ReportOptions)
        throws(DiagnosticError)
    {
        var folder = try ReportFolder(destination: destination)
        do {
            for file in files(for: result, options: options) {
                try folder.write(file.name, file.bytes)
            }
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }
}
