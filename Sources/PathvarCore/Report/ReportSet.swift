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
    public typealias File = (name: String, bytes: [UInt8])

    /// A file still to be rendered, handed over in pieces: the large case files are made a
    /// few thousand cases at a time and written as they come, so that peak memory holds a few
    /// chunks of rows, not the files.
    public typealias Rendering = (
        name: String, render: (_ emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Void
    )

    /// The files of one audit, in the order they are written, each whole in memory.
    public static func files(for result: AuditResult, options: ReportOptions) -> [File] {
        renderings(for: result, options: options).map { rendering in
            var bytes: [UInt8] = []
            // Appending to memory cannot fail.
            try? rendering.render { (piece: [UInt8]) throws(DiagnosticError) in bytes.append(contentsOf: piece) }
            return (rendering.name, bytes)
        }
    }

    /// A rendering of bytes made in one piece.
    static func whole(_ name: String, _ make: @escaping () -> [UInt8]) -> Rendering {
        (name, { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in try emit(make()) })
    }

    static func renderings(for result: AuditResult, options: ReportOptions) -> [Rendering] {
        let labels = ReportLabels(result: result, blind: options.blind, caseKey: options.caseKey)
        let totals = AuditTotals(result, groupName: { labels.group($0).text })
        let content = ReportContent(
            totals: totals, pathway: result.pathway, result: result, labels: labels, options: options,
            timeZone: result.clock.timeZone, clock: result.clock)
        var renderings: [Rendering] = [
            (
                "cases.csv",
                { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in
                    try CaseReports.casesCSV(result, labels: labels, emit: emit)
                }
            ),
            (
                "deviations.csv",
                { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in
                    try CaseReports.deviationsCSV(result, labels: labels, emit: emit)
                }
            ),
        ]
        for file in aggregateFiles(
            totals: totals, pathway: result.pathway, content: content,
            groupsFromInput: result.compiled.groupKey != nil && !options.blind)
        {
            renderings.append(whole(file.name) { file.bytes })
        }
        if options.includeRejected {
            renderings.append(whole("rejected.csv") { CaseReports.rejectedCSV(result.statistics) })
        }
        if options.blind { renderings.append(whole("blinding-key.csv") { labels.blindingKeyCSV() }) }
        return renderings
    }

    /// The files rendered from totals alone: the same bytes from one run or from merged partials.
    public static func aggregateFiles(
        totals: AuditTotals, pathway: Pathway, content: ReportContent, groupsFromInput: Bool
    )
        -> [File]
    {
        [
            ("steps.csv", AggregateReports.stepsCSV(totals)),
            ("groups.csv", AggregateReports.groupsCSV(totals, groupsFromInput: groupsFromInput)),
            ("choices.csv", AggregateReports.choicesCSV(totals)),
            ("variance.csv", AggregateReports.varianceCSV(totals, pathway: pathway)),
            ("monthly.csv", AggregateReports.monthlyCSV(totals)),
            ("offpathway.csv", AggregateReports.offPathwayCSV(totals)),
            ("report.txt", Array(TextReport.render(content).utf8)),
            ("report.html", Array(HTMLReport.render(content).utf8)),
        ]
    }

    /// The files of merged partial results.
    public static func files(for merged: PartialMerge.Merged, options: ReportOptions) throws(DiagnosticError) -> [File]
    {
        var totals = merged.totals
        var pseudonyms: [String: String] = [:]
        if options.blind {
            pseudonyms = ReportLabels.pseudonyms(for: totals.groups.keys.filter { !$0.hasPrefix("(") })
            totals = totals.renamingGroups(pseudonyms)
        }
        let clock = try ZonedClock(timeZone: merged.timeZone)
        var content = ReportContent(
            totals: totals, pathway: merged.pathway, result: nil, labels: nil, options: options,
            timeZone: merged.timeZone, clock: clock)
        if merged.groupsAreSites { content.groupBy = "site" }
        var files: [File] = []
        if let cases = merged.cases, !options.blind {
            var caseCSV = CSVWriter(header: CaseReports.casesHeader + totals.choices.map { "choice:\($0.id)" })
            var deviationCSV = CSVWriter(header: CaseReports.deviationsHeader)
            for rows in cases {
                caseCSV.append(raw: Array(rows.caseRow.utf8))
                for row in rows.deviationRows { deviationCSV.append(raw: Array(row.utf8)) }
            }
            files += [("cases.csv", caseCSV.bytes), ("deviations.csv", deviationCSV.bytes)]
        }
        files += aggregateFiles(
            totals: totals, pathway: merged.pathway, content: content, groupsFromInput: !options.blind)
        if options.blind { files.append(("blinding-key.csv", ReportLabels.blindingKeyCSV(pseudonyms))) }
        return files
    }

    /// Writes files to `destination`, replacing what was there only once all are written.
    public static func write(_ files: [File], to destination: String) throws(DiagnosticError) {
        try write(renderings: files.map { file in whole(file.name) { file.bytes } }, to: destination)
    }

    static func write(renderings: [Rendering], to destination: String) throws(DiagnosticError) {
        var folder = try ReportFolder(destination: destination)
        do {
            for rendering in renderings { try folder.write(rendering.name, rendering.render) }
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Writes the reports of an audit to `destination`.
    public static func write(_ result: AuditResult, to destination: String, options: ReportOptions)
        throws(DiagnosticError)
    {
        try write(renderings: renderings(for: result, options: options), to: destination)
    }
}
