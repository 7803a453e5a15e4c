/// What the three report charts share: a drawing area in SVG user units, linear scales, tick
/// values a reader can count in, axes with titles, and a legend.
///
/// Charts are 680 units wide: the width of A4 less two 15 mm margins at 96 units per inch. So
/// in print one unit is one CSS pixel and an 11.5-unit label is about 8.6 pt; on screen the
/// `viewBox` scales the whole chart, text included, to the column width.
struct SVGChart {
    static let width = 680.0

    let height: Double
    /// The plot area, inside the axes.
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double

    init(height: Double, left: Double, top: Double = 16, right: Double = 16, bottom: Double = 44) {
        self.height = height
        self.left = left
        self.top = top
        self.right = Self.width - right
        self.bottom = height - bottom
    }

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// Opens `<svg data-chart=…>` with its accessible name as both `aria-label` and `<title>`
    /// (screen readers differ in which they read), and a `<desc>` with the longer explanation.
    func open(_ out: inout HTMLWriter, kind: String, label: String, description: String) {
        out.open(
            "svg",
            [
                ("data-chart", kind), ("role", "img"),
                ("aria-label", label), ("viewBox", "0 0 \(HTMLWriter.number(Self.width)) \(HTMLWriter.number(height))"),
                ("width", HTMLWriter.number(Self.width)), ("height", HTMLWriter.number(height)),
            ])
        out.newline()
        out.line("title", text: label)
        out.line("desc", text: description)
    }

    /// Horizontal grid lines with their values on the left, and the axis title turned upright.
    func yAxis(_ out: inout HTMLWriter, scale: LinearScale, ticks: [Double], format: (Double) -> String, title: String)
    {
        out.open("g", [("class", "y-axis")])
        for tick in ticks {
            let y = scale(tick)
            out.empty(
                "line",
                [
                    HTMLWriter.attribute("x1", left), HTMLWriter.attribute("x2", right), HTMLWriter.attribute("y1", y),
                    HTMLWriter.attribute("y2", y), ("stroke", HTMLReport.Palette.grid),
                ])
            out.element(
                "text",
                [
                    ("class", "tick"), HTMLWriter.attribute("x", left - 7), HTMLWriter.attribute("y", y + 4),
                    ("text-anchor", "end"),
                ], text: format(tick))
        }
        let middle = (top + bottom) / 2
        out.element(
            "text",
            [
                ("class", "axis-title"), ("text-anchor", "middle"),
                ("transform", "translate(14 \(HTMLWriter.number(middle))) rotate(-90)"),
            ], text: title)
        out.close("g")
        out.newline()
    }

    /// The x axis line, tick marks with labels (any of which may be empty to thin them), and
    /// the axis title centred below.
    func xAxis(_ out: inout HTMLWriter, ticks: [(x: Double, label: String)], title: String) {
        out.open("g", [("class", "x-axis")])
        out.empty(
            "line",
            [
                HTMLWriter.attribute("x1", left), HTMLWriter.attribute("x2", right),
                HTMLWriter.attribute("y1", bottom), HTMLWriter.attribute("y2", bottom),
                ("stroke", HTMLReport.Palette.axis),
            ])
        for tick in ticks {
            out.empty(
                "line",
                [
                    HTMLWriter.attribute("x1", tick.x), HTMLWriter.attribute("x2", tick.x),
                    HTMLWriter.attribute("y1", bottom), HTMLWriter.attribute("y2", bottom + 4),
                    ("stroke", HTMLReport.Palette.axis),
                ])
            if !tick.label.isEmpty {
                out.element(
                    "text",
                    [
                        ("class", "tick"), HTMLWriter.attribute("x", tick.x), HTMLWriter.attribute("y", bottom + 17),
                        ("text-anchor", "middle"),
                    ],
                    text: tick.label)
            }
        }
        out.element(
            "text",
            [
                ("class", "axis-title"), HTMLWriter.attribute("x", (left + right) / 2),
                HTMLWriter.attribute("y", height - 8), ("text-anchor", "middle"),
            ], text: title)
        out.close("g")
        out.newline()
    }

    /// A row of legend entries, laid out left to right from `x`: each the same mark the chart
    /// draws, then its label.
    func legend(_ out: inout HTMLWriter, x: Double, y: Double, entries: [(label: String, symbol: LegendSymbol)]) {
        out.open("g", [("class", "legend")])
        var cursor = x
        for entry in entries {
            entry.symbol.draw(&out, x: cursor, y: y)
            out.element(
                "text", [HTMLWriter.attribute("x", cursor + 24), HTMLWriter.attribute("y", y + 4)], text: entry.label)
            cursor += 24 + Self.textWidth(entry.label, size: 11.5, generous: false) + 20
        }
        out.close("g")
        out.newline()
    }

    /// Tick labels are a little smaller than other chart text: there are many of them.
    static let tickSize = 10.5

    /// An estimate of how wide a label is drawn in the system sans-serif (no script can measure
    /// it). Generous by default (0.6 em a character, about the widest common fonts' digits), for
    /// keeping labels apart: a label a little too far away reads fine, one on top of another
    /// does not. `generous: false` gives a typical width, for spacing a legend evenly.
    static func textWidth(_ text: String, size: Double, generous: Bool = true) -> Double {
        Double(text.count) * size * (generous ? 0.6 : 0.53)
    }
}

/// The small pictures in a legend, the same marks the chart draws.
enum LegendSymbol {
    case point(fill: String, ring: String?)
    case line(stroke: String, width: Double, dash: String?)
    case band(fill: String)

    func draw(_ out: inout HTMLWriter, x: Double, y: Double) {
        switch self {
        case .point(let fill, let ring):
            HTMLReport.mark(&out, x: x + 9, y: y, fill: fill, ring: ring)
        case .line(let stroke, let width, let dash):
            var attributes: [HTMLWriter.Attribute] = [
                HTMLWriter.attribute("x1", x), HTMLWriter.attribute("x2", x + 18), HTMLWriter.attribute("y1", y),
                HTMLWriter.attribute("y2", y), ("stroke", stroke), HTMLWriter.attribute("stroke-width", width),
            ]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            out.empty("line", attributes)
        case .band(let fill):
            out.empty(
                "rect",
                [
                    HTMLWriter.attribute("x", x), HTMLWriter.attribute("y", y - 6), ("width", "18"), ("height", "12"),
                    ("fill", fill),
                ])
        }
    }
}

/// A straight-line map from data values to user units (the range may run backwards, as a y
/// axis does).
struct LinearScale {
    let domain: (low: Double, high: Double)
    let range: (low: Double, high: Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.high - domain.low
        let fraction = span == 0 ? 0.5 : (value - domain.low) / span
        return range.low + fraction * (range.high - range.low)
    }
}

/// Tick values a reader can count in: steps of 1, 2, 2.5 or 5 times a power of ten.
enum NiceTicks {
    /// About `count` intervals covering `low…high`, widened outwards to whole steps.
    static func covering(low: Double, high: Double, count: Int) -> (low: Double, high: Double, values: [Double]) {
        var low = low
        var high = high
        if high <= low {
            high = low + (low == 0 ? 1 : abs(low) * 0.1)
        }
        let rough = (high - low) / Double(max(count, 1))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        // Whole multiples of the step, counted in integers so that the ticks are exact.
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        low = first * step
        high = last * step
        let values = (0...Int(last - first)).map { (first + Double($0)) * step }
        return (low, high, values)
    }
}

extension HTMLReport {
    /// A data point: a filled circle, and for a point worth a look a wider ring around it, so
    /// that the difference shows in print, in grey and to a colour-blind reader, not only in hue.
    static func mark(_ out: inout HTMLWriter, x: Double, y: Double, fill: String, ring: String?) {
        if let ring {
            out.empty(
                "circle",
                [
                    HTMLWriter.attribute("cx", x), HTMLWriter.attribute("cy", y), ("r", "7.5"), ("fill", "none"),
                    ("stroke", ring), ("stroke-width", "1.6"),
                ])
        }
        out.empty(
            "circle",
            [
                HTMLWriter.attribute("cx", x), HTMLWriter.attribute("cy", y), ("r", "4.5"), ("fill", fill),
                ("stroke", "#fff"), ("stroke-width", "1"),
            ])
    }
}
