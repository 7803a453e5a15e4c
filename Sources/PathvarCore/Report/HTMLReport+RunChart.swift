extension HTMLReport {
    /// The p-chart: each month's rate of cases with unwarranted variation, the overall rate as
    /// the centre line, and three-sigma limits drawn as steps because they depend on each
    /// month's number of cases. The median the run-chart rules count runs around is drawn too,
    /// faintly, so that a reader can check the sentence under the chart against the picture.
    ///
    /// A month without cases has no rate: the line breaks there rather than bridging the gap,
    /// which would suggest data that does not exist.
    static func pChart(_ out: inout HTMLWriter, months: [ReportContent.MonthPoint], centre: Double) {
        let chart = SVGChart(height: 330, left: 62, top: 42, right: 20, bottom: 48)
        let band = chart.plotWidth / Double(max(months.count, 1))
        func x(_ index: Int) -> Double { chart.left + band * (Double(index) + 0.5) }

        let rates = months.compactMap(\.rate)
        let median = AggregateReports.median(rates)
        var values = rates + months.compactMap(\.lower) + months.compactMap(\.upper) + [centre]
        if let median { values.append(median) }
        let ticks = NiceTicks.covering(
            low: max(0, values.min()! - 0.01), high: min(1, values.max()! + 0.01), count: 5)
        let step = ticks.values.count > 1 ? ticks.values[1] - ticks.values[0] : 0.1
        let y = LinearScale(domain: (ticks.low, ticks.high), range: (chart.bottom, chart.top))

        chart.open(
            &out, kind: "p-chart", label: "p-chart: share of cases with unwarranted variation by month of entry",
            description: "One point per month with cases, joined by a line. The centre line is the overall rate, "
                + "\(TextReport.percent(centre)); the stepped lines are the three-sigma limits for each month's "
                + "number of cases; the dotted line is the median of the monthly rates.")
        chart.yAxis(
            &out, scale: y, ticks: ticks.values, format: { percentTick($0, step: step) },
            title: "Cases with unwarranted variation")
        chart.xAxis(&out, ticks: monthTicks(months, x: x, band: band), title: "Month of entry")

        out.open("g", [("class", "limits")])
        for side in [\ReportContent.MonthPoint.upper, \ReportContent.MonthPoint.lower] {
            let steps = stepPath(months.map { $0[keyPath: side].map(y.callAsFunction) }, x: x, band: band)
            if !steps.isEmpty {
                out.empty(
                    "path",
                    [
                        ("d", steps), ("fill", "none"), ("stroke", Palette.axis), ("stroke-width", "1.2"),
                        ("stroke-dasharray", "5 4"),
                    ])
            }
        }
        horizontal(&out, y: y(centre), chart: chart, stroke: Palette.ink, width: 1.4, dash: nil)
        if let median { horizontal(&out, y: y(median), chart: chart, stroke: Palette.muted, width: 1.2, dash: "1.5 3") }
        out.close("g")
        out.newline()

        out.empty(
            "path",
            [
                ("d", linePath(months.map { $0.rate.map(y.callAsFunction) }, x: x)), ("fill", "none"),
                ("stroke", Palette.data), ("stroke-width", "1.8"), ("stroke-linejoin", "round"),
            ])
        out.newline()
        noCaseMarks(&out, months: months, x: x, band: band, chart: chart)
        out.open("g", [("class", "points")])
        for (index, month) in months.enumerated() {
            guard let rate = month.rate else { continue }
            let outside = month.signal == PChartSignal.above.rawValue || month.signal == PChartSignal.below.rawValue
            out.open(
                "g",
                [
                    ("data-point", nil), ("data-month", month.month), ("data-cases", String(month.cases)),
                    ("data-rate", ReportNumber.fixed(rate, places: 4)), ("data-signal", month.signal ?? ""),
                ])
            out.element(
                "title",
                text: "\(month.month): \(month.unwarrantedCases) of \(month.cases) cases (\(TextReport.percent(rate)))"
                    + (outside ? ", \(month.signal!) the 3-sigma limits" : ""))
            mark(
                &out, x: x(index), y: y(rate), fill: outside ? Palette.accent : Palette.data,
                ring: outside ? Palette.accentRing : nil)
            out.close("g")
            out.newline()
        }
        out.close("g")
        out.newline()
        chart.legend(
            &out, x: chart.left, y: 16,
            entries: [
                ("month", .point(fill: Palette.data, ring: nil)),
                ("centre (overall rate)", .line(stroke: Palette.ink, width: 1.4, dash: nil)),
                ("3-sigma limits", .line(stroke: Palette.axis, width: 1.2, dash: "5 4")),
                ("median", .line(stroke: Palette.muted, width: 1.2, dash: "1.5 3")),
                ("outside the limits", .point(fill: Palette.accent, ring: Palette.accentRing)),
            ])
        out.close("svg")
        out.newline()
    }

    /// "no cases" at the foot of each month without cases, where there is room, so that a gap
    /// in the line reads as a gap in the data and not as a drawing fault.
    private static func noCaseMarks(
        _ out: inout HTMLWriter, months: [ReportContent.MonthPoint], x: (Int) -> Double, band: Double,
        chart: SVGChart
    ) {
        guard band >= SVGChart.textWidth("no cases", size: 9.5) + 2 else { return }
        for (index, month) in months.enumerated() where month.rate == nil {
            out.element(
                "text",
                [
                    ("class", "note"), HTMLWriter.attribute("x", x(index)), HTMLWriter.attribute("y", chart.bottom - 6),
                    ("text-anchor", "middle"),
                ], text: "no cases")
        }
    }

    /// `yyyy-MM` under every month when they fit, otherwise under every second, third, …
    /// month, always including the first; each month keeps its tick mark.
    private static func monthTicks(_ months: [ReportContent.MonthPoint], x: (Int) -> Double, band: Double)
        -> [(x: Double, label: String)]
    {
        // Month labels are mostly digits, which are wide: 0.62 em each, plus a little air.
        let labelWidth = Double("2024-01".count) * SVGChart.tickSize * 0.62 + 2
        let every = max(1, Int((labelWidth / band).rounded(.up)))
        return months.enumerated().map { index, month in
            (x(index), index % every == 0 ? month.month : "")
        }
    }

    /// A line through the points that exist, broken wherever a month has none.
    private static func linePath(_ points: [Double?], x: (Int) -> Double) -> String {
        var parts: [String] = []
        var drawing = false
        for (index, point) in points.enumerated() {
            guard let point else {
                drawing = false
                continue
            }
            parts.append((drawing ? "L" : "M") + HTMLWriter.number(x(index)) + " " + HTMLWriter.number(point))
            drawing = true
        }
        return parts.joined(separator: " ")
    }

    /// Limits as steps: level across each month's width, rising or falling at the month's
    /// edge, broken where a month has no limits.
    private static func stepPath(_ levels: [Double?], x: (Int) -> Double, band: Double) -> String {
        var parts: [String] = []
        var drawing = false
        for (index, level) in levels.enumerated() {
            guard let level else {
                drawing = false
                continue
            }
            let start = x(index) - band / 2
            let end = x(index) + band / 2
            parts.append(
                (drawing
                    ? "V" + HTMLWriter.number(level) : "M" + HTMLWriter.number(start) + " " + HTMLWriter.number(level))
                    + " H" + HTMLWriter.number(end))
            drawing = true
        }
        return parts.joined(separator: " ")
    }

    private static func horizontal(
        _ out: inout HTMLWriter, y: Double, chart: SVGChart, stroke: String, width: Double, dash: String?
    ) {
        var attributes: [HTMLWriter.Attribute] = [
            HTMLWriter.attribute("x1", chart.left), HTMLWriter.attribute("x2", chart.right),
            HTMLWriter.attribute("y1", y), HTMLWriter.attribute("y2", y), ("stroke", stroke),
            HTMLWriter.attribute("stroke-width", width),
        ]
        if let dash { attributes.append(("stroke-dasharray", dash)) }
        out.empty("line", attributes)
    }
}
