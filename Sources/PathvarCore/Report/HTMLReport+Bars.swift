extension HTMLReport {
    /// Element compliance as horizontal bars, worst first, on a fixed 0–100% scale.
    ///
    /// The scale always starts at zero: a bar's length is read as its size, and a cut axis
    /// would make 91% look like half of 93%. The exact value is printed on each bar, so small
    /// differences can still be read. Long element names are shortened to fit beside the bars;
    /// the full name is in the bar's tooltip and in the table above.
    static func complianceBars(_ out: inout HTMLWriter, elements: [ReportContent.ElementLine]) {
        let rowHeight = 26.0
        let labels = elements.map { "\($0.stage) / \($0.element)" }
        // Names are mostly lower-case letters, narrower than the generous estimate; up to 290
        // units for them still leaves the bars more than half the width.
        let labelSpace = min(290, (labels.map { Double($0.count) * 11.5 * labelEm }.max() ?? 0) + 14)
        let chart = SVGChart(
            height: 12 + Double(elements.count) * rowHeight + 44, left: max(80, labelSpace), top: 12, right: 24,
            bottom: 44)
        let x = LinearScale(domain: (0, 1), range: (chart.left, chart.right))

        chart.open(
            &out, kind: "compliance", label: "Element compliance: share of cohort cases with no unwarranted deviation",
            description: "One bar per element of repetitive care, lowest compliance first, on a scale from 0 to 100%.")
        out.open("g", [("class", "grid")])
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            out.empty(
                "line",
                [
                    HTMLWriter.attribute("x1", x(tick)), HTMLWriter.attribute("x2", x(tick)),
                    HTMLWriter.attribute("y1", chart.top), HTMLWriter.attribute("y2", chart.bottom),
                    ("stroke", Palette.grid),
                ])
        }
        out.close("g")
        out.newline()
        chart.xAxis(
            &out, ticks: stride(from: 0.0, through: 1.0, by: 0.25).map { (x($0), percentTick($0, step: 0.25)) },
            title: "Cohort cases with no unwarranted deviation on the element")

        for (index, element) in elements.enumerated() {
            let top = chart.top + Double(index) * rowHeight
            let middle = top + rowHeight / 2
            out.open(
                "g",
                [
                    ("data-point", nil), ("data-element", "\(element.stage)/\(element.element)"),
                    ("data-compliance", element.compliance.map { ReportNumber.fixed($0, places: 4) } ?? ""),
                ])
            out.element("title", text: barTitle(element))
            out.element(
                "text",
                [
                    HTMLWriter.attribute("x", chart.left - 8), HTMLWriter.attribute("y", middle + 4),
                    ("text-anchor", "end"), ("class", "point-label"),
                ], text: fitted(labels[index], width: chart.left - 14, em: 11.5 * labelEm))
            let length = (element.compliance ?? 0) * chart.plotWidth
            out.empty(
                "rect",
                [
                    HTMLWriter.attribute("x", chart.left), HTMLWriter.attribute("y", middle - 8),
                    HTMLWriter.attribute("width", length), ("height", "16"), ("fill", Palette.data), ("rx", "1.5"),
                ])
            let value = element.compliance.map { TextReport.percent($0) } ?? "no cases"
            let inside = length > SVGChart.textWidth(value, size: 11.5) + 16
            out.element(
                "text",
                [
                    ("class", inside ? "value-label inside" : "value-label"),
                    HTMLWriter.attribute("x", chart.left + length + (inside ? -6 : 6)),
                    HTMLWriter.attribute("y", middle + 4), ("text-anchor", inside ? "end" : "start"),
                ], text: value)
            out.close("g")
            out.newline()
        }
        out.close("svg")
        out.newline()
    }

    private static func barTitle(_ element: ReportContent.ElementLine) -> String {
        "\(element.stage)/\(element.element): \(TextReport.percent(element.compliance)) compliance; "
            + "\(element.unwarrantedCases) of \(element.cohort) cases with an unwarranted deviation"
    }

    /// Width of an element name's average character, in em.
    private static let labelEm = 0.56

    /// `text` shortened with `…` until its estimated width (`em` units a character) fits.
    static func fitted(_ text: String, width: Double, em: Double) -> String {
        let characters = Int(width / em)
        return text.count <= characters ? text : text.clipped(max(characters, 2))
    }

    /// A share as a number with a small bar beside it, for the option-mix tables: the bars let a
    /// reader scan a column for the unit whose mix differs, the numbers say by how much.
    /// The bar is drawn with an inline width, no script and no image.
    static func shareCell(_ out: inout HTMLWriter, _ share: Double?) {
        out.element("td", [("class", "num")]) { out in
            out.element("span", [("class", "share")]) { out in
                out.element("span", text: TextReport.percent(share))
                out.element("span", [("class", "bar"), ("aria-hidden", "true")]) { out in
                    let width = ReportNumber.fixed(min(max(share ?? 0, 0), 1) * 100, places: 1)
                    out.element("span", [("style", "width:\(width)%")], text: "")
                }
            }
        }
    }
}
