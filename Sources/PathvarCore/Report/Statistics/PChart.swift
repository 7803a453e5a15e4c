/// A p-chart of a proportion month by month: the overall rate as the centre line, and limits three
/// standard errors either side that widen in quiet months and narrow in busy ones.
///
/// Three-sigma limits (Shewhart) rather than exact binomial ones, because that is what every
/// statistical process control text and NHS improvement guide draws, so the chart reads the same as
/// the ones clinical leads already know. The funnel plot is where exact limits matter.
public struct PChart: Sendable, Hashable {
    /// One month's count: how many cases, and in how many of them the event happened.
    public struct Month: Sendable, Hashable {
        public let cases: Int
        public let events: Int

        public init(cases: Int, events: Int) {
            precondition(cases >= 0, "a number of cases cannot be negative")
            precondition(events >= 0 && events <= cases, "events are counted among the cases")
            self.cases = cases
            self.events = events
        }
    }

    /// One month as drawn on the chart.
    public struct Point: Sendable, Hashable {
        public let cases: Int
        public let events: Int
        /// events / cases; nil in a month without cases.
        public let rate: Double?
        /// The month's control limits; nil in a month without cases, or when no month had any.
        public let limits: Limits?
        /// nil exactly when there are no limits.
        public let signal: PChartSignal?
    }

    /// Lower and upper control limits, as proportions between 0 and 1.
    public struct Limits: Sendable, Hashable {
        public let lower: Double
        public let upper: Double
    }

    /// The months in the order given.
    public let points: [Point]
    /// All events over all cases; nil when no month had any cases.
    public let centre: Double?

    /// Builds the chart from the months in calendar order.
    public init(months: [Month]) {
        // Integer totals first, one division last: the centre line is exactly the overall rate.
        let totalCases = months.reduce(0) { $0 + $1.cases }
        let totalEvents = months.reduce(0) { $0 + $1.events }
        let centre = totalCases > 0 ? Double(totalEvents) / Double(totalCases) : nil
        self.centre = centre
        self.points = months.map { month in
            // A month with cases implies a centre; a month without has no rate to place.
            guard month.cases > 0, let centre else {
                return Point(cases: month.cases, events: month.events, rate: nil, limits: nil, signal: nil)
            }
            let rate = Double(month.events) / Double(month.cases)
            let spread = 3 * (centre * (1 - centre) / Double(month.cases)).squareRoot()
            let limits = Limits(lower: max(centre - spread, 0), upper: min(centre + spread, 1))
            // Strictly outside only: a month on a limit is at three sigma, not beyond it.
            let signal: PChartSignal =
                rate > limits.upper ? .above : rate < limits.lower ? .below : .within
            return Point(cases: month.cases, events: month.events, rate: rate, limits: limits, signal: signal)
        }
    }
}

/// Where a month falls on a p-chart.
public enum PChartSignal: String, Sendable, CaseIterable {
    /// Above the upper control limit: special-cause variation, higher than usual.
    case above
    /// Below the lower control limit: special-cause variation, lower than usual.
    case below
    /// Within the control limits: common-cause variation.
    case within
}
