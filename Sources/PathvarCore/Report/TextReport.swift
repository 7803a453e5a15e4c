/// `report.txt`: the audit as a clinical lead reads it before a peer meeting, at most 100
/// columns wide, in plain words: what was audited, the headline, one section per mode of
/// care, documented reasons, what happened off the pathway, and how to read it.
public enum TextReport {
    public static let width = 100

    public static func render(_ content: ReportContent) -> String {
        var out = TextBlock()
        out.heading(content.title, underline: "=")
        out.line("Pathway \(content.pathwayId), version \(content.version)")
        if let owner = content.owner { out.line("Owner: \(owner)") }
        for evidence in content.evidence {
            out.wrapped("Evidence: " + evidence.text + (evidence.href.map { " <\($0)>" } ?? ""), indent: 10)
        }
        if let reviewBy = content.reviewBy {
            out.line(
                "Review by: \(reviewBy)" + (content.reviewPassed ? "  (PASSED: this pathway is due for review)" : ""))
        }
        out.blank()
        out.heading("Data", underline: "-")
        if !content.logName.isEmpty { out.wrapped("Log: \(content.logName)", indent: 5) }
        if let start = content.periodStart, let end = content.periodEnd { out.line("Period: \(start) to \(end)") }
        out.line("Times in: \(content.timeZone)")
        out.line(
            "Rows: \(content.rowsRead) read, \(content.rowsAccepted) accepted, \(content.rowsRejected) rejected"
                + (content.rowsRejected > 0 ? " (see rejected.csv)" : ""))
        out.blank()
        out.heading("Cohort", underline: "-")
        out.wrapped("Cases enter the pathway at: \(content.cohortRule)", indent: 2)
        out.line("\(content.cases) cases in the log; \(content.cohortCases) in the cohort.")
        if content.casesWithoutEntry > 0 || content.casesExcluded > 0 {
            out.line(
                "Not audited: \(content.casesWithoutEntry) without the entry activity, "
                    + "\(content.casesExcluded) ruled out by the cohort conditions.")
        }
        if let groupBy = content.groupBy {
            out.line("Grouped by: \(groupBy)" + (content.blinded ? " (blinded: Unit 01, ...)" : ""))
        }
        out.blank()
        out.heading("Headline", underline: "-")
        out.line(
            "Conformant cases (no unwarranted deviation): \(content.conformantCases) of \(content.cohortCases) (\(percent(content.conformantShare)))"
        )
        out.line(
            "Per 100 cases: \(rate(content.per100(content.unwarranted))) unwarranted deviations, "
                + "\(rate(content.per100(content.warranted))) warranted, \(rate(content.per100(content.unassessed))) unassessed"
        )
        out.blank()
        if content.hasRepetitive { repetitive(content, &out) }
        if content.hasConstrained { constrained(content, &out) }
        if content.hasUnconstrained { unconstrained(content, &out) }
        monthly(content, &out)
        out.heading("Documented reasons (variance by category)", underline: "-")
        if content.hasVarianceCodes {
            out.line("Deviations with a documented reason, by the reason's cause:")
            for (category, count) in content.categories { out.line("  \(category.padding(to: 10)) \(count)") }
        } else {
            out.line("The pathway lists no variance codes, so no reasons could be documented.")
        }
        out.blank()
        out.heading("Off the pathway", underline: "-")
        if content.offPathway.isEmpty {
            out.line("No activities outside the pathway.")
        } else {
            out.line(
                "Most frequent activities the pathway does not mention (all \(content.offPathwayTotal) in offpathway.csv):"
            )
            for (activity, events, cases) in content.offPathway {
                out.line("  " + clip(activity, 50).padding(to: 52) + "\(events) events in \(cases) cases")
            }
        }
        out.blank()
        out.heading("How to read this", underline: "-")
        out.wrapped(ReportContent.howToRead, indent: 0)
        return out.text
    }

    private static func repetitive(_ content: ReportContent, _ out: inout TextBlock) {
        out.heading("Repetitive care: one standard process", underline: "-")
        out.line("Element compliance, worst first (share of cohort cases with no unwarranted deviation):")
        out.line(
            "  " + "element".padding(to: 28) + "done".leftPadded(to: 8) + "compliance".leftPadded(to: 12)
                + "median".leftPadded(to: 10) + "p90".leftPadded(to: 10) + "  most frequent")
        for line in content.elements {
            let kinds = line.kinds.prefix(2).map { "\($0.kind) \($0.count)" }.joined(separator: ", ")
            out.line(
                clip(
                    "  " + "\(line.stage)/\(line.element)".clipped(28).padding(to: 28)
                        + "\(line.performed)".leftPadded(to: 8) + percent(line.compliance).leftPadded(to: 12)
                        + minutes(line.medianDelayMinutes).leftPadded(to: 10)
                        + minutes(line.p90DelayMinutes).leftPadded(to: 10)
                        + "  " + kinds, width))
        }
        out.line("Delays are minutes from each element's window anchor, over cases where both happened.")
        out.blank()
        out.line(
            "Comparison between groups (funnel plot; overall rate of cases with unwarranted variation \(percent(content.target))):"
        )
        let outside = content.groups.filter { ($0.signal ?? .within) != .within }
        if content.groups.count < 2 {
            out.line("  Only one group: nothing to compare.")
        } else if outside.isEmpty {
            out.line("  All \(content.groups.count) groups are within the 95% limits for their number of cases.")
        } else {
            out.line("  Groups outside the limits for their number of cases:")
            for group in outside {
                out.line(
                    "  " + clip(group.group, 30).padding(to: 32) + "\(group.unwarrantedCases) of \(group.cases) cases "
                        + "(\(percent(group.rate)))  \(group.signal!.rawValue)")
            }
            out.line("  Others (\(content.groups.count - outside.count)) are within the 95% limits. See groups.csv.")
        }
        out.blank()
    }

    private static func constrained(_ content: ReportContent, _ out: inout TextBlock) {
        out.heading("Constrained choices: the patient's preference decides", underline: "-")
        for choice in content.choices {
            out.line("\(choice.stage)/\(choice.choice): \(choice.casesChoosing) cases chose")
            for option in choice.overall {
                var line =
                    "  " + option.option.padding(to: 24) + "\(option.cases)".leftPadded(to: 7) + "  "
                    + percent(option.share).leftPadded(to: 7)
                if let documented = option.documented { line += "   preference documented in \(percent(documented))" }
                out.line(line)
            }
            if choice.byGroup.count > 1 {
                out.line("  by group:")
                for (group, choosing, options) in choice.byGroup {
                    let mix = options.map { "\($0.option) \(percent($0.share))" }.joined(separator: ", ")
                    out.line(
                        clip(
                            "    " + clip(group, 20).padding(to: 22) + "\(choosing)".leftPadded(to: 6) + "  " + mix,
                            width))
                }
            }
            if let rate = choice.documentationRate { out.line("  Preference documented overall: \(percent(rate))") }
            out.blank()
        }
    }

    private static func unconstrained(_ content: ReportContent, _ out: inout TextBlock) {
        out.heading("Unconstrained care: cases for discussion", underline: "-")
        guard let cases = content.reviewCases else {
            out.line("Merged totals hold no case rows; see each site's own report.")
            out.blank()
            return
        }
        if cases.isEmpty {
            out.line("No case departed from the unconstrained stages.")
        } else {
            out.line(
                "\(content.reviewCasesTotal) cases departed from the plan; the first \(cases.count) (all in deviations.csv):"
            )
            for review in cases {
                out.line(
                    clip(
                        "  " + clip(review.caseId, 24).padding(to: 26) + clip(review.group, 14).padding(to: 16)
                            + review.deviations.joined(separator: ", "), width))
            }
        }
        out.blank()
    }

    private static func monthly(_ content: ReportContent, _ out: inout TextBlock) {
        out.heading("Month by month", underline: "-")
        guard !content.months.isEmpty else {
            out.line("No cohort cases.")
            out.blank()
            return
        }
        out.line(
            "Share of cases with unwarranted variation by month of entry (p-chart centre \(percent(content.monthlyCentre))):"
        )
        for month in content.months {
            let flag = month.signal.map { $0 == "within" ? "" : "  \($0) the 3-sigma limits" } ?? ""
            out.line(
                "  \(month.month)  " + "\(month.cases)".leftPadded(to: 7) + " cases  "
                    + percent(month.rate).leftPadded(to: 7) + flag)
        }
        out.wrapped(content.runChart.summary, indent: 0)
        out.blank()
    }

    static func percent(_ value: Double?) -> String {
        value.map { ReportNumber.fixed($0 * 100, places: 1) + "%" } ?? "-"
    }

    static func rate(_ value: Double?) -> String { value.map { ReportNumber.fixed($0, places: 1) } ?? "-" }

    static func minutes(_ value: Double?) -> String { value.map { ReportNumber.fixed($0, places: 1) } ?? "-" }

    static func clip(_ text: String, _ width: Int) -> String { text.clipped(width) }
}

/// Lines of a plain-text report, kept within `TextReport.width` columns.
struct TextBlock {
    private(set) var text = ""

    mutating func line(_ line: String) { text += line.clipped(TextReport.width) + "\n" }

    mutating func blank() { text += "\n" }

    mutating func heading(_ title: String, underline: Character) {
        line(title)
        line(String(repeating: underline, count: min(title.count, TextReport.width)))
    }

    /// Wraps at word boundaries; continuation lines are indented by `indent`.
    mutating func wrapped(_ paragraph: String, indent: Int) {
        var current = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > TextReport.width {
                line(current)
                current = String(repeating: " ", count: indent) + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { line(current) }
    }
}

extension String {
    /// Cut to `width` characters, marking the cut with `…`.
    func clipped(_ width: Int) -> String {
        count <= width ? self : String(prefix(width - 1)) + "…"
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
