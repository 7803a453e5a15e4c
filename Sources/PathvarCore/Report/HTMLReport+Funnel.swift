#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension HTMLReport {
    /// The funnel plot: each group's rate of cases with unwarranted variation against its
    /// number of cases, with the overall rate and the 95% and 99.8% limits.
    ///
    /// The limits are drawn as curves evaluated at many numbers of cases (the same exact
    /// binomial limits `groups.csv` gives each group), so that a reader can see how much room
    /// chance leaves a small unit and how little a large one. A group outside the 99.8% limits
    /// gets the accent colour and a ring; its label says which unit it is.
    static func funnelPlot(_ out: inout HTMLWriter, groups: [AggregateReports.GroupRow], target: Double) {
        let plotted = groups.filter { $0.rate != nil && $0.cases > 0 }
        guard let largest = plotted.map(\.cases).max() else { return }
        let chart = SVGChart(height: 400, left: 62, top: 42, right: 20, bottom: 46)

        let xTicks = NiceTicks.covering(low: 0, high: Double(largest) * 1.06, count: 6)
        let x = LinearScale(domain: (0, xTicks.high), range: (chart.left, chart.right))
        let y = yScale(plotted: plotted, target: target, chart: chart)

        let label = "Funnel plot: rate of cases with unwarranted variation by group, against the group's size"
        chart.open(
            &out, kind: "funnel", label: label,
            description: "Each point is one group: its number of cases across, its rate up. The line across is "
                + "the overall rate, \(TextReport.percent(target)); the curves are the 95% and 99.8% limits "
                + "for a group of that size.")
        chart.yAxis(
            &out, scale: y.scale, ticks: y.ticks, format: { percentTick($0, step: y.step) },
            title: "Cases with unwarranted variation")
        chart.xAxis(
            &out, ticks: xTicks.values.map { (x($0), ReportNumber.fixed($0, places: 0)) }, title: "Cases in the group")

        // Limit curves, clipped to the plot: at a handful of cases they span almost 0–100%.
        out.open("defs")
        out.element("clipPath", [("id", "funnel-clip")]) { out in
            out.empty(
                "rect",
                [
                    HTMLWriter.attribute("x", chart.left), HTMLWriter.attribute("y", chart.top),
                    HTMLWriter.attribute("width", chart.plotWidth), HTMLWriter.attribute("height", chart.plotHeight),
                ])
        }
        out.close("defs")
        out.newline()
        let curves = limitCurves(target: target, upTo: Int(xTicks.high))
        func path(_ values: [(n: Int, value: Double)], continuing: Bool = false) -> String {
            values.enumerated().map { index, point in
                (index == 0 && !continuing ? "M" : "L") + HTMLWriter.number(x(Double(point.n))) + " "
                    + HTMLWriter.number(y.scale(point.value))
            }.joined(separator: " ")
        }
        out.open("g", [("clip-path", "url(#funnel-clip)"), ("class", "limits")])
        for (band, fill) in [(curves.outer, Palette.band998), (curves.inner, Palette.band95)] {
            let outline = path(band.upper) + " " + path(band.lower.reversed(), continuing: true) + " Z"
            out.empty("path", [("d", outline), ("fill", fill)])
        }
        for (band, dash) in [(curves.outer, nil), (curves.inner, "5 4")] as [(LimitCurves.Pair, String?)] {
            for side in [band.upper, band.lower] {
                var attributes: [HTMLWriter.Attribute] = [
                    ("d", path(side)), ("fill", "none"), ("stroke", Palette.axis), ("stroke-width", "1.2"),
                ]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                out.empty("path", attributes)
            }
        }
        out.empty(
            "line",
            [
                HTMLWriter.attribute("x1", chart.left), HTMLWriter.attribute("x2", chart.right),
                HTMLWriter.attribute("y1", y.scale(target)), HTMLWriter.attribute("y2", y.scale(target)),
                ("stroke", Palette.ink), ("stroke-width", "1.4"),
            ])
        out.close("g")
        out.newline()

        // Marks first, labels on top, so that no line or point hides a name.
        let positions = plotted.map { (x: x(Double($0.cases)), y: y.scale($0.rate!)) }
        let flagged = plotted.map { $0.signal == .above998 || $0.signal == .below998 }
        out.open("g", [("class", "points")])
        for (index, group) in plotted.enumerated() {
            out.open(
                "g",
                [
                    ("data-point", nil), ("data-group", group.group), ("data-cases", String(group.cases)),
                    ("data-rate", ReportNumber.fixed(group.rate!, places: 4)),
                    ("data-signal", group.signal?.rawValue ?? ""),
                ])
            out.element("title", text: pointTitle(group))
            mark(
                &out, x: positions[index].x, y: positions[index].y,
                fill: flagged[index] ? Palette.accent : Palette.data,
                ring: flagged[index] ? Palette.accentRing : nil)
            out.close("g")
            out.newline()
        }
        out.close("g")
        out.newline()
        pointLabels(&out, plotted: plotted, positions: positions, flagged: flagged, chart: chart)
        chart.legend(
            &out, x: chart.left, y: 16,
            entries: [
                ("overall rate", .line(stroke: Palette.ink, width: 1.4, dash: nil)),
                ("95% limits", .line(stroke: Palette.axis, width: 1.2, dash: "5 4")),
                ("99.8% limits", .line(stroke: Palette.axis, width: 1.2, dash: nil)),
                ("group", .point(fill: Palette.data, ring: nil)),
                ("outside the 99.8% limits", .point(fill: Palette.accent, ring: Palette.accentRing)),
            ])
        out.close("svg")
        out.newline()
    }

    /// The y range: every group's rate, the target, and each group's own 99.8% limits, so that
    /// every point can be seen against the limits that judge it, without squeezing the points
    /// into a thin band in the middle of a 0–100% axis for the sake of the funnel's tip.
    private static func yScale(
        plotted: [AggregateReports.GroupRow], target: Double, chart: SVGChart
    ) -> (scale: LinearScale, ticks: [Double], step: Double) {
        var values = plotted.map { $0.rate! } + [target]
        for group in plotted {
            if let limits = group.limits { values += [limits.outer998.lower, limits.outer998.upper] }
        }
        let low = max(0, values.min()! - 0.01)
        let high = min(1, values.max()! + 0.01)
        let ticks = NiceTicks.covering(low: low, high: high, count: 5)
        let step = ticks.values.count > 1 ? ticks.values[1] - ticks.values[0] : 0.1
        return (LinearScale(domain: (ticks.low, ticks.high), range: (chart.bottom, chart.top)), ticks.values, step)
    }

    /// The four limit curves at numbers of cases spread evenly on a log scale (where the funnel
    /// bends) and evenly on a straight one (where it is wide), so that it is smooth everywhere.
    private struct LimitCurves {
        struct Pair {
            var upper: [(n: Int, value: Double)] = []
            var lower: [(n: Int, value: Double)] = []
        }
        var inner = Pair()
        var outer = Pair()
    }

    private static func limitCurves(target: Double, upTo largest: Int) -> LimitCurves {
        let count = 60
        let top = Double(max(largest, 2))
        var grid = Set<Int>()
        for step in 0...count {
            let fraction = Double(step) / Double(count)
            grid.insert(max(1, Int((top * fraction).rounded())))
            grid.insert(max(1, Int(exp(log(top) * fraction).rounded())))
        }
        var curves = LimitCurves()
        for n in grid.sorted() {
            guard let limits = FunnelLimits.standardLimits(target: target, cases: n) else { continue }
            curves.inner.upper.append((n, limits.inner95.upper))
            curves.inner.lower.append((n, limits.inner95.lower))
            curves.outer.upper.append((n, limits.outer998.upper))
            curves.outer.lower.append((n, limits.outer998.lower))
        }
        return curves
    }

    /// Up to this many groups every point is named; beyond it only the groups outside the 95%
    /// limits are, since a cloud of forty names hides the points they belong to.
    static let labelAllGroupsUpTo = 20

    /// Group names beside their points, placed clear of each other, shortened past 28
    /// characters (the tooltip and the table have them whole); names of groups outside the
    /// 99.8% limits in bold accent ink.
    private static func pointLabels(
        _ out: inout HTMLWriter, plotted: [AggregateReports.GroupRow], positions: [(x: Double, y: Double)],
        flagged: [Bool], chart: SVGChart
    ) {
        var placer = ChartLabelPlacer(
            bounds: .init(x: chart.left, y: chart.top, width: chart.plotWidth, height: chart.plotHeight),
            points: positions.indices.map { (positions[$0].x, positions[$0].y, flagged[$0] ? 7.5 : 4.5) },
            fontSize: 11.5)
        // Flagged groups choose first: theirs are the names the meeting will look for.
        let order = plotted.indices.sorted { (flagged[$0] ? 0 : 1, $0) < (flagged[$1] ? 0 : 1, $1) }.filter {
            plotted.count <= labelAllGroupsUpTo || (plotted[$0].signal ?? .within) != .within
        }
        out.open("g", [("class", "points-labels")])
        for index in order {
            let point = positions[index]
            let text = plotted[index].group.clipped(28)
            let spot = placer.place(text, x: point.x, y: point.y)
            if spot.needsLeader {
                let direction = spot.anchor == "start" ? 1.0 : -1.0
                out.empty(
                    "line",
                    [
                        HTMLWriter.attribute("x1", point.x + direction * 5), HTMLWriter.attribute("y1", point.y),
                        HTMLWriter.attribute("x2", spot.x - direction * 2), HTMLWriter.attribute("y2", spot.y - 4),
                        ("stroke", Palette.axis), ("stroke-width", "0.8"),
                    ])
            }
            out.element(
                "text",
                [
                    ("class", flagged[index] ? "point-label signal-label" : "point-label"),
                    HTMLWriter.attribute("x", spot.x), HTMLWriter.attribute("y", spot.y), ("text-anchor", spot.anchor),
                ], text: text)
        }
        out.close("g")
        out.newline()
    }

    /// The tooltip a browser shows over a point: the whole story of that group in one line.
    private static func pointTitle(_ group: AggregateReports.GroupRow) -> String {
        "\(group.group): \(group.unwarrantedCases) of \(group.cases) cases (\(TextReport.percent(group.rate)))"
            + (group.signal.map { $0 == .within ? ", within the 95% limits" : ", \(signalText($0))" } ?? "")
    }

    /// A funnel signal in words.
    static func signalText(_ signal: FunnelSignal) -> String {
        switch signal {
        case .above998: "above the 99.8% limit"
        case .above95: "above the 95% limit"
        case .within: "within the limits"
        case .below95: "below the 95% limit"
        case .below998: "below the 99.8% limit"
        }
    }

    /// A y tick as a percentage, with a decimal only when the steps are finer than 1%.
    static func percentTick(_ value: Double, step: Double) -> String {
        ReportNumber.fixed(value * 100, places: step < 0.01 ? 1 : 0) + "%"
    }
}
