/// `report.html`: the same report as `report.txt`, section for section, as one page a clinical
/// lead can open in any browser or print on A4 before a peer meeting, with three charts.
///
/// The file stands alone: no scripts, no fonts, images, style sheets or anything else to fetch,
/// because hospital networks block them and a report that half-loads misleads. A content
/// security policy in the page says so to the browser as well. The same content always gives
/// the same bytes (no date of generation, numbers with fixed decimals, the model's order), so
/// two runs can be compared with `diff` and a report can be checked into a repository.
public enum HTMLReport {
    public static func render(_ content: ReportContent) -> String {
        var out = HTMLWriter()
        out.raw("<!DOCTYPE html>\n")
        out.open("html", [("lang", "en")])
        out.newline()
        head(&out, content)
        out.open("body")
        out.newline()
        out.block("main", [("id", "report")]) { out in
            titleBlock(&out, content)
            dataSection(&out, content)
            cohortSection(&out, content)
            headline(&out, content)
            if content.hasRepetitive { repetitive(&out, content) }
            if content.hasConstrained { constrained(&out, content) }
            if content.hasUnconstrained { unconstrained(&out, content) }
            monthly(&out, content)
            categories(&out, content)
            offPathway(&out, content)
            footer(&out)
        }
        out.close("body")
        out.newline()
        out.close("html")
        out.newline()
        return out.html
    }

    private static func head(_ out: inout HTMLWriter, _ content: ReportContent) {
        out.block("head") { out in
            out.empty("meta", [("charset", "utf-8")])
            out.newline()
            out.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
            out.newline()
            // Belt and braces: even if something slipped through the escaping, the browser
            // would neither run a script nor fetch anything.
            out.empty(
                "meta",
                [
                    ("http-equiv", "Content-Security-Policy"),
                    ("content", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"),
                ])
            out.newline()
            out.line("title", text: "\(content.title): pathway audit")
            out.raw("<style>\n" + styleSheet + "\n</style>\n")
        }
    }

    /// Title, pathway identity, owner, evidence as links, and the review date, with a calm but
    /// unmissable note when it has passed: an out-of-date standard changes what the
    /// deviations mean.
    private static func titleBlock(_ out: inout HTMLWriter, _ content: ReportContent) {
        out.block("header") { out in
            out.line("p", [("class", "eyebrow")], text: "Care pathway audit")
            out.line("h1", text: content.title)
            out.line("p", [("class", "subtitle")], text: "Pathway \(content.pathwayId), version \(content.version)")
            if content.reviewPassed, let reviewBy = content.reviewBy {
                out.block("p", [("class", "review-due"), ("role", "note")]) { out in
                    out.element("strong", text: "Due for review. ")
                    out.text(
                        "This pathway was to be reviewed by \(reviewBy). Read its deviations against the "
                            + "standard as it stands, which may no longer be current practice.")
                    out.newline()
                }
            }
            out.block("dl", [("class", "facts")]) { out in
                if let owner = content.owner { fact(&out, "Owner", owner) }
                if !content.evidence.isEmpty {
                    out.line("dt", text: "Evidence")
                    out.block("dd") { out in
                        out.block("ul", [("class", "evidence")]) { out in
                            for evidence in content.evidence {
                                out.element("li") { out in out.link(evidence.text, href: evidence.href) }
                                out.newline()
                            }
                        }
                    }
                }
                if let reviewBy = content.reviewBy {
                    fact(&out, "Review by", reviewBy + (content.reviewPassed ? " (passed)" : ""))
                }
            }
        }
    }

    private static func dataSection(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "data", title: "Data") { out in
            out.block("dl", [("class", "facts")]) { out in
                if !content.logName.isEmpty { fact(&out, "Log", content.logName) }
                if let start = content.periodStart, let end = content.periodEnd {
                    fact(&out, "Period", "\(start) to \(end)")
                }
                fact(&out, "Times in", content.timeZone)
                fact(
                    &out, "Rows",
                    "\(content.rowsRead) read, \(content.rowsAccepted) accepted, \(content.rowsRejected) rejected"
                        + (content.rowsRejected > 0 ? " (see rejected.csv)" : ""))
            }
        }
    }

    private static func cohortSection(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "cohort", title: "Cohort") { out in
            out.line("p", text: "Cases enter the pathway at: \(content.cohortRule)")
            out.line("p", text: "\(content.cases) cases in the log; \(content.cohortCases) in the cohort.")
            if content.casesWithoutEntry > 0 || content.casesExcluded > 0 {
                out.line(
                    "p",
                    text: "Not audited: \(content.casesWithoutEntry) without the entry activity, "
                        + "\(content.casesExcluded) ruled out by the cohort conditions.")
            }
            if let groupBy = content.groupBy {
                out.line("p", text: "Grouped by: \(groupBy)" + (content.blinded ? " (blinded: Unit 01, ...)" : ""))
            }
        }
    }

    /// Four figures in cards: the share of conformant cases first, then deviations per 100
    /// cases by class, each with its words beside it so that no number stands unexplained.
    private static func headline(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "headline", title: "Headline") { out in
            out.block("div", [("class", "headline")]) { out in
                card(
                    &out, value: TextReport.percent(content.conformantShare),
                    label: "conformant cases: \(content.conformantCases) of \(content.cohortCases) "
                        + "with no unwarranted deviation")
                card(
                    &out, value: TextReport.rate(content.per100(content.unwarranted)),
                    label: "unwarranted deviations per 100 cases")
                card(
                    &out, value: TextReport.rate(content.per100(content.warranted)),
                    label: "warranted deviations per 100 cases")
                card(
                    &out, value: TextReport.rate(content.per100(content.unassessed)),
                    label: "unassessed deviations per 100 cases")
            }
        }
    }

    private static func monthly(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "monthly", title: "Month by month") { out in
            guard !content.months.isEmpty, let centre = content.monthlyCentre else {
                out.line("p", text: "No cohort cases.")
                return
            }
            out.line(
                "p",
                text: "Share of cases with unwarranted variation by month of entry (p-chart centre "
                    + "\(TextReport.percent(centre))).")
            figure(
                &out,
                caption: "Months outside the three-sigma limits are drawn in orange with a ring; a month "
                    + "without cases leaves a gap in the line. The dotted line is the median of the monthly "
                    + "rates, the centre line the run-chart rules below count runs and crossings around."
            ) { out in pChart(&out, months: content.months, centre: centre) }
            out.line("p", [("class", "run-summary")], text: content.runChart.summary)
            monthTable(&out, content.months)
        }
    }

    private static func categories(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "variance", title: "Documented reasons (variance by category)") { out in
            table(&out, class: "compact", headers: [("Category", false), ("Deviations", true)]) { out in
                for (category, count) in content.categories {
                    row(&out, [(category, false), (String(count), true)])
                }
            }
        }
    }

    private static func offPathway(_ out: inout HTMLWriter, _ content: ReportContent) {
        section(&out, id: "off-pathway", title: "Off the pathway") { out in
            guard !content.offPathway.isEmpty else {
                out.line("p", text: "No activities outside the pathway.")
                return
            }
            out.line(
                "p",
                text: "Most frequent activities the pathway does not mention (all \(content.offPathwayTotal) "
                    + "in offpathway.csv):")
            table(&out, class: "compact", headers: [("Activity", false), ("Events", true), ("Cases", true)]) { out in
                for (activity, events, cases) in content.offPathway {
                    row(&out, [(activity, false), (String(events), true), (String(cases), true)])
                }
            }
        }
    }

    private static func footer(_ out: inout HTMLWriter) {
        out.block("footer", [("id", "how-to-read")]) { out in
            out.line("h2", text: "How to read this")
            out.line("p", text: ReportContent.howToRead)
        }
    }
}
