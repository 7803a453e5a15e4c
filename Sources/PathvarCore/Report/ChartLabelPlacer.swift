/// Finds a place for each point's label where it covers neither another label nor a point.
///
/// Units of similar size sit close together on a funnel plot, and a label printed on top of
/// another is worse than no label, because the reader can no longer tell which unit is which.
/// So each label tries a fixed list of spots around its point, nearest first, and takes the
/// first free one inside the plot; only when all are taken does it take the least crowded.
/// Labels moved away from their point get a thin leader line. Everything is decided by the
/// order of the points and fixed offsets, so the same data always gives the same picture.
struct ChartLabelPlacer {
    /// An axis-aligned rectangle in user units.
    struct Box {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        func overlap(_ other: Box) -> Double {
            let horizontal = min(x + width, other.x + other.width) - max(x, other.x)
            let vertical = min(y + height, other.y + other.height) - max(y, other.y)
            return horizontal > 0 && vertical > 0 ? horizontal * vertical : 0
        }

        func inside(_ bounds: Box) -> Bool {
            x >= bounds.x && y >= bounds.y && x + width <= bounds.x + bounds.width
                && y + height <= bounds.y + bounds.height
        }
    }

    /// Where a label goes: its text position and anchor, and whether it moved far enough from
    /// its point to need a leader line.
    struct Placement {
        var x: Double
        var y: Double
        var anchor: String
        var needsLeader: Bool
    }

    let bounds: Box
    let fontSize: Double
    private(set) var occupied: [Box]

    /// `points` are the centres and radii of every mark on the plot, which labels must not hide.
    init(bounds: Box, points: [(x: Double, y: Double, radius: Double)], fontSize: Double) {
        self.bounds = bounds
        self.fontSize = fontSize
        occupied = points.map {
            Box(x: $0.x - $0.radius, y: $0.y - $0.radius, width: 2 * $0.radius, height: 2 * $0.radius)
        }
    }

    /// Spots around a point, nearest first: right, left, diagonals, then further up and down.
    /// Offsets are from the point's centre to the text's baseline start (or end, when the
    /// anchor is `end`).
    private static let candidates: [(dx: Double, dy: Double, anchor: String)] = {
        var spots: [(Double, Double, String)] = [
            (11, 4, "start"), (-11, 4, "end"), (8, -9, "start"), (8, 17, "start"), (-8, -9, "end"), (-8, 17, "end"),
        ]
        for step in 1...5 {
            let shift = 13.0 * Double(step)
            spots += [(11, 4 - shift - 4, "start"), (11, 4 + shift + 4, "start")]
            spots += [(-11, 4 - shift - 4, "end"), (-11, 4 + shift + 4, "end")]
        }
        return spots
    }()

    /// Places a label of `text` for the point at (`x`, `y`) and remembers the space it takes.
    mutating func place(_ text: String, x: Double, y: Double) -> Placement {
        let width = SVGChart.textWidth(text, size: fontSize)
        var best: (box: Box, placement: Placement, crowding: Double)?
        for spot in Self.candidates {
            let textX = x + spot.dx
            let baseline = y + spot.dy
            let box = Box(
                x: spot.anchor == "end" ? textX - width : textX, y: baseline - fontSize * 0.8, width: width,
                height: fontSize)
            let placement = Placement(x: textX, y: baseline, anchor: spot.anchor, needsLeader: abs(spot.dy) > 18)
            let crowding = occupied.reduce(0) { $0 + $1.overlap(box) } + (box.inside(bounds) ? 0 : 1_000_000)
            if crowding == 0 {
                best = (box, placement, 0)
                break
            }
            if best == nil || crowding < best!.crowding { best = (box, placement, crowding) }
        }
        occupied.append(best!.box)
        return best!.placement
    }
}
