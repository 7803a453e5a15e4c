/// The run-chart rules of Anhøj for non-random variation around a centre line.
///
/// J. Anhøj and A. V. Olesen (2014), "Run charts revisited: a simulation study of run chart rules for
/// detection of non-random variation in health care processes", PLoS ONE 9(11): e113825. Two rules,
/// chosen in that study because together they keep false alarms near 5% at any length of series
/// while still catching real shifts:
///
/// - an unusually long run: more consecutive points on one side of the centre line than
///   round(log2(n)) + 3;
/// - too few crossings: fewer crossings of the centre line than the lower 5% point of
///   Binomial(n − 1, 0.5), R's `qbinom(0.05, n - 1, 0.5)`.
///
/// Here n counts only the useful points: points exactly on the centre line carry no information about
/// which side the process is on, so they neither start nor break a run and are not counted. Values that
/// are not numbers (a month with no cases has no rate) are left out the same way.
public struct RunChartAnalysis: Sendable, Hashable {
    /// Points not on the centre line.
    public let usefulPoints: Int
    /// The most consecutive useful points on the same side of the centre line.
    public let longestRun: Int
    /// A run longer than this is unusual; 0 when there are no useful points.
    public let longestRunLimit: Int
    /// How many times consecutive useful points switch side.
    public let crossings: Int
    /// Fewer crossings than this is unusual; 0 when there are no useful points.
    public let crossingsLimit: Int
    /// The longest run is longer than `longestRunLimit`.
    public let hasUnusuallyLongRun: Bool
    /// There are fewer crossings than `crossingsLimit`.
    public let hasTooFewCrossings: Bool

    /// Either rule fired: the series is unlikely to be random variation around the centre line.
    public var showsNonRandomVariation: Bool { hasUnusuallyLongRun || hasTooFewCrossings }

    /// Applies both rules to `values` in time order around `centre` (for a run chart, the median of
    /// the values).
    public init(values: [Double], centre: Double) {
        precondition(!centre.isNaN, "a centre line must be a number")
        var useful = 0
        var longestRun = 0
        var currentRun = 0
        var crossings = 0
        var previousSideIsAbove: Bool?
        for value in values where !value.isNaN && value != centre {
            let isAbove = value > centre
            useful += 1
            if let previous = previousSideIsAbove, previous != isAbove {
                crossings += 1
                currentRun = 1
            } else {
                currentRun += 1
            }
            longestRun = max(longestRun, currentRun)
            previousSideIsAbove = isAbove
        }
        self.usefulPoints = useful
        self.longestRun = longestRun
        self.crossings = crossings
        // With no useful points there is nothing to test; limits of 0 make both rules silent.
        self.longestRunLimit = useful > 0 ? Self.longestRunLimit(usefulPoints: useful) : 0
        self.crossingsLimit = useful > 0 ? Self.crossingsLimit(usefulPoints: useful) : 0
        self.hasUnusuallyLongRun = longestRun > longestRunLimit
        self.hasTooFewCrossings = crossings < crossingsLimit
    }

    /// round(log2(n)) + 3: a run longer than this is unusual among n useful points.
    ///
    /// R's `round` rounds halves to even and Swift's `rounded()` rounds them away from zero, but for a
    /// whole number n ≥ 1 the two never disagree: log2(n) is either a whole number (n a power of two)
    /// or irrational, never exactly half-way. So the rounding is done exactly, in integers: log2(n)
    /// rounds up from k = ⌊log2 n⌋ exactly when n > 2^k·√2, that is when n² > 2^(2k+1). No logarithm,
    /// so no floating-point doubt even for enormous n.
    public static func longestRunLimit(usefulPoints n: Int) -> Int {
        precondition(n >= 1, "the rules need at least one useful point")
        let k = Int.bitWidth - 1 - n.leadingZeroBitCount
        let square = UInt64(n).multipliedFullWidth(by: UInt64(n))
        let exponent = 2 * k + 1  // n² > 2^exponent ⇔ n² ≥ 2^exponent, as n² is never an odd power of 2
        let squareReachesPower =
            exponent >= 64
            ? square.high >> UInt64(exponent - 64) != 0
            : square.high != 0 || square.low >> UInt64(exponent) != 0
        return (squareReachesPower ? k + 1 : k) + 3
    }

    /// The smallest c with P(X ≤ c) ≥ 0.05 for X ~ Binomial(n − 1, 0.5): fewer crossings than this is
    /// unusual among n useful points.
    public static func crossingsLimit(usefulPoints n: Int) -> Int {
        precondition(n >= 1, "the rules need at least one useful point")
        return BinomialDistribution(trials: n - 1, probability: 0.5).quantile(0.05)
    }

    /// The centre line of a run chart: the median of the values that are numbers, or nil if none are.
    public static func median(of values: [Double]) -> Double? {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// One line a clinical lead can read, for example
    /// "No signs of non-random variation: longest run 4 (limit 7), 12 crossings (at least 6)."
    public var summary: String {
        if usefulPoints == 0 {
            return "No points off the centre line, so the run-chart rules cannot be applied."
        }
        let runText = "a run of \(longestRun) \(longestRun == 1 ? "point" : "points") on one side of the centre line"
        let fewCrossingsText =
            crossings == 0
            ? "no crossings of the centre line" : "only \(Self.crossingsText(crossings)) of the centre line"
        var line: String
        switch (hasUnusuallyLongRun, hasTooFewCrossings) {
        case (false, false):
            line =
                "No signs of non-random variation: longest run \(longestRun) (limit \(longestRunLimit)), "
                + "\(Self.crossingsText(crossings)) (at least \(crossingsLimit))."
        case (true, false):
            line =
                "Signs of non-random variation: \(runText) (limit \(longestRunLimit)); "
                + "\(Self.crossingsText(crossings)) (at least \(crossingsLimit))."
        case (false, true):
            line =
                "Signs of non-random variation: \(fewCrossingsText) (at least \(crossingsLimit) expected); "
                + "longest run \(longestRun) (limit \(longestRunLimit))."
        case (true, true):
            line =
                "Signs of non-random variation: \(runText) (limit \(longestRunLimit)) and "
                + "\(fewCrossingsText) (at least \(crossingsLimit) expected)."
        }
        // With few points the rules have little power (a run must cover most of the series to count as
        // long), and their properties have been worked out exactly for 10 to 100 points (Anhøj and
        // Wentzel-Larsen 2020, PLoS ONE 15(6): e0233920), so say so rather than sound reassuring.
        if usefulPoints < 10 {
            line += " Only \(usefulPoints) \(usefulPoints == 1 ? "point is" : "points are") off the centre line, "
            line += "too few for the rules to be reliable."
        }
        return line
    }

    private static func crossingsText(_ count: Int) -> String {
        count == 1 ? "1 crossing" : "\(count) crossings"
    }
}
