/// The building blocks every section uses, so that sections read as content and all tables,
/// figures and facts look alike.
extension HTMLReport {
    /// `<section id=…><h2>title</h2>…</section>`.
    static func section(
        _ out: inout HTMLWriter, id: String, title: String, body: (inout HTMLWriter) -> Void
    ) {
        out.block("section", [("id", id)]) { out in
            out.line("h2", text: title)
            body(&out)
        }
    }

    /// One term and its value in a facts list.
    static func fact(_ out: inout HTMLWriter, _ term: String, _ value: String) {
        out.line("dt", text: term)
        out.line("dd", text: value)
    }

    /// A headline figure: the number large, its meaning in words under it.
    static func card(_ out: inout HTMLWriter, value: String, label: String) {
        out.block("div", [("class", "figure-card")]) { out in
            out.line("span", [("class", "value")], text: value)
            out.line("span", [("class", "label")], text: label)
        }
    }

    /// A chart in a `<figure>` with its caption under it; the figure never breaks across pages.
    static func figure(_ out: inout HTMLWriter, caption: String, chart: (inout HTMLWriter) -> Void) {
        out.block("figure") { out in
            chart(&out)
            out.line("figcaption", text: caption)
        }
    }

    /// A table with a header row; each header says whether its column holds numbers, which are
    /// right-aligned in tabular figures so that digits line up.
    static func table(
        _ out: inout HTMLWriter, class className: String? = nil, caption: String? = nil,
        headers: [(text: String, numeric: Bool)], rows: (inout HTMLWriter) -> Void
    ) {
        out.block("table", className.map { [("class", $0)] } ?? []) { out in
            if let caption { out.line("caption", text: caption) }
            out.block("thead") { out in
                out.block("tr") { out in
                    for header in headers {
                        out.element("th", header.numeric ? [("class", "num"), ("scope", "col")] : [("scope", "col")]) {
                            out in out.text(header.text)
                        }
                    }
                    out.newline()
                }
            }
            out.block("tbody") { out in rows(&out) }
        }
    }

    /// A row of plain cells.
    static func row(_ out: inout HTMLWriter, _ cells: [(text: String, numeric: Bool)], class className: String? = nil) {
        out.element("tr", className.map { [("class", $0)] } ?? []) { out in
            for cell in cells {
                out.element("td", cell.numeric ? [("class", "num")] : [], text: cell.text)
            }
        }
        out.newline()
    }

    /// Every month with its counts, rate and limits: the chart's numbers, for reading off and
    /// for anyone who cannot see the chart.
    static func monthTable(_ out: inout HTMLWriter, _ months: [ReportContent.MonthPoint]) {
        table(
            &out, class: "compact months",
            headers: [
                ("Month", false), ("Cases", true), ("With unwarranted variation", true), ("Rate", true),
                ("3-sigma limits", true), ("", false),
            ]
        ) { out in
            for month in months {
                let limits =
                    month.lower.flatMap { lower in
                        month.upper.map { "\(TextReport.percent(lower)) to \(TextReport.percent($0))" }
                    } ?? "-"
                let outside = month.signal.map { $0 == PChartSignal.within.rawValue ? nil : $0 } ?? nil
                out.element("tr", outside == nil ? [] : [("class", "signal")]) { out in
                    out.element("td", text: month.month)
                    out.element("td", [("class", "num")], text: String(month.cases))
                    out.element("td", [("class", "num")], text: String(month.unwarrantedCases))
                    out.element("td", [("class", "num")], text: TextReport.percent(month.rate))
                    out.element("td", [("class", "num")], text: limits)
                    out.element("td") { out in
                        if let outside {
                            out.element("span", [("class", "signal-word")], text: "\(outside) the limits")
                        }
                    }
                }
                out.newline()
            }
        }
    }
}
