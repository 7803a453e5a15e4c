extension HTMLReport {
    /// Repetitive care: how often each element of the standard process was met (chart and
    /// table, worst first), then how the groups compare on the funnel plot.
    static func repetitive(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "repetitive", title: "Repetitive care: one standard process") { out in
            out.line("h3", text: "Element compliance")
            out.line("p", text: "Worst first: the share of cohort cases with no unwarranted deviation on each element.")
            if !content.elements.isEmpty {
                figure(
                    &out,
                    caption: "Each bar is one element of the standard process; the scale runs from 0 to 100%."
                ) { out in complianceBars(&out, elements: content.elements) }
            }
            elementTable(&out, content.elements)

            out.line("h3", text: "Comparison between groups")
            out.line(
                "p",
                text: "Funnel plot; overall rate of cases with unwarranted variation "
                    + "\(TextReport.percent(content.target)).")
            groupComparison(&out, content)
        }
    }

    private static func elementTable(_ out: inout HTMLWriter, _ elements: [ReportContent.ElementLine]) {
        // The note on delays is the table's caption, drawn under it, so a page break cannot part them.
        table(
            &out, class: "elements",
            caption: "Delays are minutes from each element's window anchor, over cases where both happened.",
            headers: [
                ("Element", false), ("Done", true), ("Compliance", true), ("Median (min)", true),
                ("p90 (min)", true), ("Most frequent", false),
            ]
        ) { out in
            for line in elements {
                out.element("tr") { out in
                    // A name that fits is kept on one line; only a very long one may wrap.
                    let name = "\(line.stage)/\(line.element)"
                    out.element("td", name.count <= 40 ? [("class", "nowrap")] : [], text: name)
                    out.element("td", [("class", "num")], text: String(line.performed))
                    out.element("td", [("class", "num")], text: TextReport.percent(line.compliance))
                    out.element("td", [("class", "num")], text: TextReport.minutes(line.medianDelayMinutes))
                    out.element("td", [("class", "num")], text: TextReport.minutes(line.p90DelayMinutes))
                    // Each kind kept whole on its line: "out-of-order 884", never "out-of-" / "order 884".
                    out.element("td") { out in
                        for (index, kind) in line.kinds.prefix(2).enumerated() {
                            if index > 0 { out.text(", ") }
                            out.element("span", [("class", "kind")], text: "\(kind.kind) \(kind.count)")
                        }
                        if line.kinds.isEmpty { out.text("-") }
                    }
                }
                out.newline()
            }
        }
    }

    /// The funnel plot, then in words which groups lie outside the limits (the chart shows
    /// where; the list says by how much, and is what a screen reader reads).
    private static func groupComparison(_ out: inout HTMLWriter, _ content: ReportContent) {
        let outside = content.groups.filter { ($0.signal ?? .within) != .within }
        guard content.groups.count >= 2 else {
            out.line("p", text: "Only one group: nothing to compare.")
            return
        }
        guard let target = content.target else {
            out.line("p", text: "No cases in any group: nothing to compare.")
            return
        }
        figure(
            &out,
            caption: "Each point is a group. Inside the shaded funnel a rate is within what chance alone gives "
                + "for that number of cases; groups outside the 99.8% limits are drawn in orange with a ring."
                + (content.groups.count > labelAllGroupsUpTo ? " Only groups outside the 95% limits are named." : "")
        ) { out in funnelPlot(&out, groups: content.groups, target: target) }
        if outside.isEmpty {
            out.line(
                "p",
                text: "All \(content.groups.count) groups are within the 95% limits for their number of cases.")
            return
        }
        table(
            &out, class: "compact", caption: "Groups outside the limits for their number of cases:",
            headers: [("Group", false), ("Cases with unwarranted variation", true), ("Rate", true), ("Where", false)]
        ) { out in
            for group in outside {
                let strong = group.signal == .above998 || group.signal == .below998
                out.element("tr", strong ? [("class", "signal")] : []) { out in
                    out.element("td", [("class", "wrap")], text: group.group)
                    out.element("td", [("class", "num")], text: "\(group.unwarrantedCases) of \(group.cases)")
                    out.element("td", [("class", "num")], text: TextReport.percent(group.rate))
                    out.element("td") { out in
                        out.element(
                            "span", strong ? [("class", "signal-word")] : [], text: signalText(group.signal!))
                    }
                }
                out.newline()
            }
        }
        out.line(
            "p",
            text: "Others (\(content.groups.count - outside.count)) are within the 95% limits. See groups.csv.")
    }

    /// Constrained choices: the mix of options overall and by group, and how often the
    /// patient's preference was documented; the mix is the patient's to decide, so it is shown
    /// as a mix, not scored.
    static func constrained(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "constrained", title: "Constrained choices: the patient's preference decides") { out in
            for choice in content.choices {
                out.line("h3", text: "\(choice.stage)/\(choice.choice): \(choice.casesChoosing) cases chose")
                let documents = choice.documentationRate != nil
                table(
                    &out, class: "compact",
                    headers: [("Option", false), ("Cases", true), ("Share", true)]
                        + (documents ? [("Preference documented", true)] : [])
                ) { out in
                    for option in choice.overall {
                        out.element("tr") { out in
                            out.element("td", [("class", "wrap")], text: option.option)
                            out.element("td", [("class", "num")], text: String(option.cases))
                            shareCell(&out, option.share)
                            if documents {
                                out.element("td", [("class", "num")], text: TextReport.percent(option.documented))
                            }
                        }
                        out.newline()
                    }
                }
                if choice.byGroup.count > 1 { optionsByGroup(&out, choice) }
                if let rate = choice.documentationRate {
                    out.line("p", text: "Preference documented overall: \(TextReport.percent(rate))")
                }
                if choice.overall.reduce(0, { $0 + ($1.share ?? 0) }) > 1.000_001 {
                    out.line(
                        "p", [("class", "caption")],
                        text: "Some cases took more than one option, so the shares add up to more than 100%.")
                }
            }
        }
    }

    /// One row per group, one column per option, each cell the option's share of that group's
    /// cases with a small bar, so that a group whose mix differs stands out down a column.
    private static func optionsByGroup(_ out: inout HTMLWriter, _ choice: ReportContent.ChoiceSummary) {
        let documents = choice.documentationRate != nil
        table(
            &out, class: "by-group", caption: "\(choice.stage)/\(choice.choice) by group:",
            headers: [("Group", false), ("Cases", true)] + choice.overall.map { ($0.option, true) }
                + (documents ? [("Documented", true)] : [])
        ) { out in
            for (group, choosing, options) in choice.byGroup {
                out.element("tr") { out in
                    out.element("td", [("class", "wrap")], text: group)
                    out.element("td", [("class", "num")], text: String(choosing))
                    for option in options { shareCell(&out, option.share) }
                    if documents {
                        out.element("td", [("class", "num")], text: TextReport.percent(documentedShare(options)))
                    }
                }
                out.newline()
            }
        }
    }

    /// A group's documentation rate from its options' rates, weighted by cases as the overall
    /// rate is (documented choices over choices made).
    private static func documentedShare(_ options: [ReportContent.OptionShare]) -> Double? {
        let taken = options.filter { $0.documented != nil }.reduce(0) { $0 + $1.cases }
        guard taken > 0 else { return nil }
        let documented = options.reduce(0.0) { $0 + ($1.documented ?? 0) * Double($1.cases) }
        return documented / Double(taken)
    }

    /// Unconstrained care: the first cases that departed from the individual plan, listed for
    /// discussion, never counted as unwarranted.
    static func unconstrained(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "unconstrained", title: "Unconstrained care: cases for discussion") { out in
            guard let cases = content.reviewCases else {
                out.line(
                    "p",
                    text: "These totals were merged from several audits and hold no case rows; "
                        + "see each site's own report.")
                return
            }
            guard !cases.isEmpty else {
                out.line("p", text: "No case departed from the unconstrained stages.")
                return
            }
            out.line(
                "p",
                text: "\(content.reviewCasesTotal) cases departed from the plan; the first \(cases.count) are "
                    + "listed here (all in deviations.csv):")
            table(&out, headers: [("Case", false), ("Group", false), ("Entry", false), ("Deviations", false)]) { out in
                for review in cases {
                    out.element("tr") { out in
                        out.element("td", [("class", "wrap")], text: review.caseId)
                        out.element("td", [("class", "wrap")], text: review.group)
                        out.element("td", text: review.entry)
                        out.element("td", text: review.deviations.joined(separator: ", "))
                    }
                    out.newline()
                }
            }
        }
    }
}
