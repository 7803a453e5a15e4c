/// Funnel-plot control limits for a proportion: how far a group's rate may stray from the target by
/// chance alone, given how many cases the group had.
///
/// The limits are exact binomial limits with Spiegelhalter's interpolation (D. J. Spiegelhalter,
/// "Funnel plots for comparing institutional performance", Statistics in Medicine 2005;24:1185–1202,
/// appendix A.1.1). Exact, because the groups on a care pathway are often small and the normal
/// approximation is then visibly wrong; interpolated, because a binomial count moves in whole steps and
/// limits drawn as steps would make the funnel jagged and make small groups look better or worse than
/// they are depending on where the step happens to fall.
///
/// For a probability level `p` (0.975 for the upper 95% limit, 0.025 for the lower; 0.999 and 0.001
/// for 99.8%), with X ~ Binomial(n, target):
///
///     r  = the smallest r with P(X ≤ r) ≥ p
///     α  = (P(X ≤ r) − p) / (P(X ≤ r) − P(X ≤ r − 1))
///     limit = (r − α) / n, kept within [0, 1]
public enum FunnelLimits {
    /// A lower and an upper limit for one coverage, as proportions between 0 and 1.
    public struct Band: Sendable, Hashable {
        public let lower: Double
        public let upper: Double

        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// The two bands every funnel plot draws: 95% (about two standard errors: "worth a look") and
    /// 99.8% (about three: "very unlikely to be chance").
    public struct Standard: Sendable, Hashable {
        public let inner95: Band
        public let outer998: Band

        public init(inner95: Band, outer998: Band) {
            self.inner95 = inner95
            self.outer998 = outer998
        }
    }

    /// The band that holds `coverage` of the groups with `cases` cases when every group truly meets
    /// `target`; for example coverage 0.95 gives the 2.5% and 97.5% limits.
    ///
    /// - Returns: nil when there are no cases: a group without cases has no rate, so there is nothing
    ///   to draw or to compare. (Returning the whole range 0…1 would invite a plot to draw a point
    ///   that does not exist.)
    /// - Precondition: `target` within 0…1, `cases` ≥ 0, `coverage` strictly between 0 and 1.
    public static func limits(target: Double, cases: Int, coverage: Double) -> Band? {
        precondition(coverage > 0 && coverage < 1, "coverage is a proportion strictly between 0 and 1")
        let outside = (1 - coverage) / 2
        return band(target: target, cases: cases, lowerLevel: outside, upperLevel: (1 + coverage) / 2)
    }

    /// The 95% and 99.8% bands together, sharing one pass over the binomial distribution.
    ///
    /// - Returns: nil when there are no cases (see `limits(target:cases:coverage:)`).
    public static func standardLimits(target: Double, cases: Int) -> Standard? {
        checkInputs(target: target, cases: cases)
        guard cases > 0 else { return nil }
        if let certain = certainTarget(target) {
            return Standard(inner95: certain, outer998: certain)
        }
        let distribution = BinomialDistribution(trials: cases, probability: target)
        return Standard(
            inner95: Band(
                lower: limit(in: distribution, level: 0.025),
                upper: limit(in: distribution, level: 0.975)
            ),
            outer998: Band(
                lower: limit(in: distribution, level: 0.001),
                upper: limit(in: distribution, level: 0.999)
            )
        )
    }

    /// One interpolated limit at a single probability level, e.g. 0.999 for the upper 99.8% limit.
    ///
    /// - Returns: nil when there are no cases.
    public static func limit(target: Double, cases: Int, level: Double) -> Double? {
        precondition(level > 0 && level < 1, "a probability level lies strictly between 0 and 1")
        checkInputs(target: target, cases: cases)
        guard cases > 0 else { return nil }
        if let certain = certainTarget(target) { return certain.lower }
        return limit(in: BinomialDistribution(trials: cases, probability: target), level: level)
    }

    private static func band(target: Double, cases: Int, lowerLevel: Double, upperLevel: Double) -> Band? {
        checkInputs(target: target, cases: cases)
        guard cases > 0 else { return nil }
        if let certain = certainTarget(target) { return certain }
        let distribution = BinomialDistribution(trials: cases, probability: target)
        return Band(
            lower: limit(in: distribution, level: lowerLevel),
            upper: limit(in: distribution, level: upperLevel)
        )
    }

    /// Spiegelhalter's interpolated limit, `(r − α) / n`, on an already computed distribution.
    static func limit(in distribution: BinomialDistribution, level: Double) -> Double {
        let r = distribution.quantile(level)
        let mass = distribution.probability(of: r)
        // P(X ≤ r) − p ≥ 0 by the choice of r, and less than P(X = r) because P(X ≤ r − 1) < p;
        // the clamp only absorbs rounding in the last digit.
        let alpha = min(max(distribution.excess(atOrBelow: r, over: level) / mass, 0), 1)
        let limit = (Double(r) - alpha) / Double(distribution.trials)
        return min(max(limit, 0), 1)
    }

    /// A target of exactly 0% or 100% leaves no room for chance: every group should sit exactly on it.
    ///
    /// The interpolation formula would put the limits for a 100% target a little below 100%
    /// (at 1 − (1 − p)/n, because it interpolates towards the count below), which would flag a group
    /// achieving exactly the target as "above" it. For a 0% target it already gives 0 and 0.
    private static func certainTarget(_ target: Double) -> Band? {
        target == 0 || target == 1 ? Band(lower: target, upper: target) : nil
    }

    /// A target outside 0…1 or a negative count is a bug in the caller, not a property of the data.
    private static func checkInputs(target: Double, cases: Int) {
        precondition(target >= 0 && target <= 1, "a target is a proportion between 0 and 1")
        precondition(cases >= 0, "a number of cases cannot be negative")
    }
}

/// Where a group's observed rate falls on the funnel plot.
public enum FunnelSignal: String, Sendable, CaseIterable {
    /// Above the upper 99.8% limit: very unlikely to be chance.
    case above998 = "above-99.8"
    /// Above the upper 95% limit but not the 99.8% one: worth a look.
    case above95 = "above-95"
    /// Within the 95% limits: consistent with the target.
    case within
    /// Below the lower 95% limit but not the 99.8% one: worth a look.
    case below95 = "below-95"
    /// Below the lower 99.8% limit: very unlikely to be chance.
    case below998 = "below-99.8"

    /// Classifies an observed rate against the funnel limits for the group's number of cases.
    ///
    /// Only rates strictly outside a limit count as outside: a rate exactly on a limit is as likely as
    /// the limit says, not more extreme.
    public init(rate: Double, limits: FunnelLimits.Standard) {
        precondition(!rate.isNaN, "a rate must be a number")
        if rate > limits.outer998.upper {
            self = .above998
        } else if rate > limits.inner95.upper {
            self = .above95
        } else if rate < limits.outer998.lower {
            self = .below998
        } else if rate < limits.inner95.lower {
            self = .below95
        } else {
            self = .within
        }
    }

    /// Classifies a group with `events` out of `cases` against `target`.
    ///
    /// - Returns: nil when the group has no cases, and so no rate.
    public static func classify(events: Int, cases: Int, target: Double) -> FunnelSignal? {
        precondition(events >= 0 && events <= cases, "events are counted among the cases")
        guard let limits = FunnelLimits.standardLimits(target: target, cases: cases) else { return nil }
        // The same division as in the limit, so a rate that sits exactly on a limit compares equal.
        return FunnelSignal(rate: Double(events) / Double(cases), limits: limits)
    }
}
