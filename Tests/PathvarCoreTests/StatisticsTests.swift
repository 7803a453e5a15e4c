import Testing

@testable import PathvarCore

/// The report statistics: funnel limits, p-charts, run-chart rules and delay percentiles.
///
/// Expected numbers come from independent computations (scipy, numpy, exact integer or rational
/// arithmetic in Python), never from this code, and are written out in full so that a change in the
/// arithmetic shows up as a failure. Each table says how it was produced.
@Suite struct StatisticsTests {}

// MARK: - Funnel limits

extension StatisticsTests {
    @Suite struct FunnelLimitsTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let target: Double
            let cases: Int
            let coverage: Double
            let lower: Double
            let upper: Double

            var testDescription: String { "p0 \(target), n \(cases), coverage \(coverage)" }
        }

        /// Spiegelhalter's limits from scipy 1.17.1 (Python 3.11), for levels (1 − c)/2 and (1 + c)/2:
        ///
        ///     from scipy.stats import binom
        ///     def limit(p0, n, p):
        ///         r = int(binom.ppf(p, n, p0))
        ///         while binom.cdf(r, n, p0) < p: r += 1                      # enforce the definition
        ///         while r > 0 and binom.cdf(r - 1, n, p0) >= p: r -= 1
        ///         F, Fm = binom.cdf(r, n, p0), binom.cdf(r - 1, n, p0)
        ///         return min(max((r - (F - p) / (F - Fm)) / n, 0.0), 1.0)
        ///     lower, upper = limit(p0, n, (1 - c) / 2), limit(p0, n, (1 + c) / 2)
        ///
        /// Cross-checked against exact rational arithmetic (`fractions.Fraction`, n ≤ 1000) and 50-digit
        /// mpmath sums (larger n): the largest difference from scipy was 8.9e-16.
        static let scipyCases: [Case] = [
            Case(target: 0.2, cases: 50, coverage: 0.998, lower: 0.03477614320750778, upper: 0.3791440976750372),
            Case(target: 0.2, cases: 50, coverage: 0.95, lower: 0.08440482201226908, upper: 0.3070938833520582),
            Case(target: 0.05, cases: 10, coverage: 0.95, lower: 0.0, upper: 0.18191668914724415),
            Case(target: 0.05, cases: 10, coverage: 0.998, lower: 0.0, upper: 0.3029537415471779),
            Case(target: 0.5, cases: 1, coverage: 0.95, lower: 0.0, upper: 0.95),
            Case(target: 0.5, cases: 2, coverage: 0.998, lower: 0.0, upper: 0.998),
            Case(target: 0.9, cases: 5, coverage: 0.95, lower: 0.4451028806584363, upper: 0.9915324560957849),
            Case(target: 0.01, cases: 100, coverage: 0.998, lower: 0.0, upper: 0.04839372073886916),
            Case(target: 0.15, cases: 237, coverage: 0.95, lower: 0.10375091243118255, upper: 0.19473678125725316),
            Case(target: 0.3, cases: 1000, coverage: 0.998, lower: 0.25530281971649693, upper: 0.3448303746097318),
            Case(target: 0.75, cases: 333, coverage: 0.95, lower: 0.7012358360883479, upper: 0.7943413962476874),
            Case(target: 0.85, cases: 73, coverage: 0.998, lower: 0.701289860262968, upper: 0.9570477582222305),
            Case(target: 0.33, cases: 12, coverage: 0.9, lower: 0.07205374039252568, upper: 0.5240783318517457),
            Case(target: 0.001, cases: 5000, coverage: 0.998, lower: 0.0, upper: 0.0025532342873303983),
            Case(target: 0.999, cases: 5000, coverage: 0.95, lower: 0.9979253763273291, upper: 0.9996913238805654),
            Case(target: 0.6, cases: 10000, coverage: 0.95, lower: 0.590338471180722, upper: 0.6095426002318479),
            Case(target: 0.6, cases: 10000, coverage: 0.998, lower: 0.584783198498036, upper: 0.6150601252374563),
            Case(target: 0.02, cases: 10000, coverage: 0.998, lower: 0.015761507311049472, upper: 0.024410674358035362),
            Case(target: 0.2, cases: 1_000_000, coverage: 0.95, lower: 0.19921579848688079, upper: 0.2007837698452821),
            Case(target: 0.2, cases: 1_000_000, coverage: 0.998, lower: 0.19876426260966074, upper: 0.2012364475043563),
            Case(target: 0.5, cases: 1_000_000, coverage: 0.998, lower: 0.49845438421630917, upper: 0.5015446157836908),
            Case(target: 1e-6, cases: 1_000_000, coverage: 0.998, lower: 0.0, upper: 4.867622867601845e-06),
        ]

        @Test(arguments: scipyCases)
        func agreesWithScipy(_ expected: Case) throws {
            let band = try #require(
                FunnelLimits.limits(target: expected.target, cases: expected.cases, coverage: expected.coverage))
            #expect(abs(band.lower - expected.lower) <= 1e-9, "lower \(band.lower) vs scipy \(expected.lower)")
            #expect(abs(band.upper - expected.upper) <= 1e-9, "upper \(band.upper) vs scipy \(expected.upper)")
        }

        /// The worked example: a 20% target with 50 cases has 99.8% limits 0.0348 and 0.3791.
        @Test func knownValueForTwentyPercentAndFiftyCases() throws {
            let limits = try #require(FunnelLimits.standardLimits(target: 0.2, cases: 50))
            #expect((limits.outer998.lower * 10_000).rounded() == 348)
            #expect((limits.outer998.upper * 10_000).rounded() == 3791)
            // The paper's own levels (0.001, 0.999) and the coverage route agree far below display precision.
            let viaCoverage = try #require(FunnelLimits.limits(target: 0.2, cases: 50, coverage: 0.998))
            #expect(abs(viaCoverage.lower - limits.outer998.lower) < 1e-14)
            #expect(abs(viaCoverage.upper - limits.outer998.upper) < 1e-14)
        }

        @Test(arguments: scipyCases.filter { $0.coverage == 0.95 || $0.coverage == 0.998 })
        func standardLimitsMatchTheCoverageRoute(_ expected: Case) throws {
            let limits = try #require(FunnelLimits.standardLimits(target: expected.target, cases: expected.cases))
            let band = expected.coverage == 0.95 ? limits.inner95 : limits.outer998
            #expect(abs(band.lower - expected.lower) <= 1e-9)
            #expect(abs(band.upper - expected.upper) <= 1e-9)
        }

        @Test func singleLevelMatchesTheBand() throws {
            let upper = try #require(FunnelLimits.limit(target: 0.2, cases: 50, level: 0.999))
            #expect(abs(upper - 0.3791440976750372) <= 1e-9)
            let lower = try #require(FunnelLimits.limit(target: 0.2, cases: 50, level: 0.001))
            #expect(abs(lower - 0.03477614320750776) <= 1e-9)
        }

        /// A target of exactly 0% or 100% leaves nothing to chance: both limits sit on the target.
        @Test(arguments: [1, 2, 7, 1000, 1_000_000])
        func certainTargetsCollapseOntoTheTarget(cases: Int) throws {
            let never = try #require(FunnelLimits.standardLimits(target: 0, cases: cases))
            #expect(never.inner95 == FunnelLimits.Band(lower: 0, upper: 0))
            #expect(never.outer998 == FunnelLimits.Band(lower: 0, upper: 0))
            let always = try #require(FunnelLimits.standardLimits(target: 1, cases: cases))
            #expect(always.inner95 == FunnelLimits.Band(lower: 1, upper: 1))
            #expect(always.outer998 == FunnelLimits.Band(lower: 1, upper: 1))
            #expect(
                FunnelLimits.limits(target: 1, cases: cases, coverage: 0.95) == FunnelLimits.Band(lower: 1, upper: 1))
            #expect(FunnelLimits.limit(target: 0, cases: cases, level: 0.999) == 0)
        }

        /// No cases, no rate: nothing to draw and nothing to flag.
        @Test func noCasesMeansNoLimits() {
            #expect(FunnelLimits.limits(target: 0.2, cases: 0, coverage: 0.95) == nil)
            #expect(FunnelLimits.standardLimits(target: 0.2, cases: 0) == nil)
            #expect(FunnelLimits.limit(target: 0.2, cases: 0, level: 0.975) == nil)
            #expect(FunnelLimits.standardLimits(target: 1, cases: 0) == nil)
            #expect(FunnelSignal.classify(events: 0, cases: 0, target: 0.2) == nil)
        }

        /// The limits nest, stay within 0…1, and (as a funnel should) narrow as groups grow.
        @Test(arguments: [0.001, 0.05, 0.2, 0.5, 0.73, 0.99])
        func limitsNestAndNarrow(target: Double) throws {
            var previous: FunnelLimits.Standard?
            for cases in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765] {
                let limits = try #require(FunnelLimits.standardLimits(target: target, cases: cases))
                #expect(0 <= limits.outer998.lower && limits.outer998.lower <= limits.inner95.lower)
                #expect(limits.inner95.lower <= limits.inner95.upper)
                #expect(limits.inner95.upper <= limits.outer998.upper && limits.outer998.upper <= 1)
                if cases >= 100 {
                    #expect(limits.inner95.lower < target && target < limits.inner95.upper)
                }
                if let previous, cases >= 100 {
                    #expect(
                        limits.outer998.upper - limits.outer998.lower
                            < previous.outer998.upper - previous.outer998.lower)
                }
                previous = limits
            }
        }

        /// For very large groups the exact limits approach the normal ones: p0 ± z·√(p0(1 − p0)/n),
        /// z = 3.090232306167813 for 99.8% (`scipy.stats.norm.ppf(0.999)`). A check independent of scipy's
        /// binomial code, and a guard against overflow or lost precision at a hundred million cases.
        @Test(arguments: [1_000_000, 100_000_000])
        func hugeGroupsApproachTheNormalLimits(cases: Int) throws {
            let target = 0.2
            let limits = try #require(FunnelLimits.standardLimits(target: target, cases: cases))
            let halfWidth = 3.090232306167813 * (target * (1 - target) / Double(cases)).squareRoot()
            // The binomial skew and the interpolation shift the limits by about 1/n, far less than this.
            let tolerance = 5 / Double(cases)
            #expect(abs(limits.outer998.upper - (target + halfWidth)) < tolerance)
            #expect(abs(limits.outer998.lower - (target - halfWidth)) < tolerance)
        }

        /// A million cases: only the outcomes that carry probability are visited, so this returns
        /// (the time limit guards against a hang; speed belongs to the benchmark suite).
        @Test(.timeLimit(.minutes(1))) func aMillionCasesIsHandled() throws {
            for target in [0.01, 0.2, 0.5, 0.8] {
                let limits = try #require(FunnelLimits.standardLimits(target: target, cases: 1_000_000))
                #expect(limits.outer998.lower < target && target < limits.outer998.upper)
            }
        }
    }
}

// MARK: - Funnel signals

extension StatisticsTests {
    @Suite struct FunnelSignalTests {
        static let limits = FunnelLimits.Standard(
            inner95: FunnelLimits.Band(lower: 0.1, upper: 0.3),
            outer998: FunnelLimits.Band(lower: 0.05, upper: 0.4)
        )

        /// Strictly outside counts as outside; exactly on a limit does not.
        @Test(arguments: [
            (0.41, FunnelSignal.above998), (0.4, .above95), (0.31, .above95), (0.3, .within),
            (0.2, .within), (0.1, .within), (0.09, .below95), (0.05, .below95), (0.049, .below998),
            (0, .below998), (1, .above998),
        ])
        func classifiesAgainstTheLimits(rate: Double, expected: FunnelSignal) {
            #expect(FunnelSignal(rate: rate, limits: Self.limits) == expected)
        }

        @Test func rawValuesAreTheReportWords() {
            #expect(
                FunnelSignal.allCases.map(\.rawValue) == ["above-99.8", "above-95", "within", "below-95", "below-99.8"])
        }

        /// 20% target, 50 cases: 95% limits 0.0844–0.3071, 99.8% limits 0.0348–0.3791 (scipy, above).
        @Test(arguments: [
            (0, FunnelSignal.below998), (1, .below998), (2, .below95), (4, .below95), (5, .within), (10, .within),
            (15, .within), (16, .above95), (18, .above95), (19, .above998), (50, .above998),
        ])
        func classifiesCounts(events: Int, expected: FunnelSignal) {
            #expect(FunnelSignal.classify(events: events, cases: 50, target: 0.2) == expected)
        }

        @Test func certainTargetFlagsOnlyMisses() {
            #expect(FunnelSignal.classify(events: 5, cases: 5, target: 1) == .within)
            #expect(FunnelSignal.classify(events: 4, cases: 5, target: 1) == .below998)
            #expect(FunnelSignal.classify(events: 0, cases: 5, target: 0) == .within)
            #expect(FunnelSignal.classify(events: 1, cases: 5, target: 0) == .above998)
        }

        /// Characterises a property of Spiegelhalter's interpolation, kept as specified: for tiny
        /// groups the upper limit sits below 100% (here 0.998 for 2 cases at a 50% target), so a group
        /// with every case counted is flagged although a quarter of on-target groups would score that.
        /// The lower limit errs the other way (it only flags counts rarer than the level). If this test
        /// starts failing, the limit definition has changed; the report's wording must follow.
        @Test func smallGroupsAtTheTopAreFlaggedByTheInterpolation() {
            #expect(FunnelSignal.classify(events: 2, cases: 2, target: 0.5) == .above998)
            #expect(FunnelSignal.classify(events: 0, cases: 2, target: 0.5) == .within)
        }
    }
}

// MARK: - The binomial distribution underneath

extension StatisticsTests {
    @Suite struct BinomialDistributionTests {
        /// Exact small cases: Binomial(10, 1/2) has P(X = 5) = 252/1024, P(X ≤ 2) = 56/1024 and
        /// P(X ≤ 7) = 968/1024.
        @Test func matchesExactFractions() {
            let distribution = BinomialDistribution(trials: 10, probability: 0.5)
            #expect(abs(distribution.probability(of: 5) / (252.0 / 1024) - 1) < 1e-14)
            #expect(abs(distribution.probabilityAtOrBelow(2) - 56.0 / 1024) < 1e-15)
            #expect(abs(distribution.probabilityAtOrBelow(7) - 968.0 / 1024) < 1e-15)
            #expect(distribution.probability(of: -1) == 0 && distribution.probability(of: 11) == 0)
        }

        /// The kept probabilities add up to 1 however large or lopsided the distribution.
        @Test(arguments: [
            (1, 0.3), (17, 0.01), (1000, 0.5), (1_000_000, 1e-6), (1_000_000, 0.999_999), (50_000_000, 0.37),
        ])
        func probabilitiesAddUpToOne(trials: Int, probability: Double) {
            let distribution = BinomialDistribution(trials: trials, probability: probability)
            var total = CompensatedSum()
            for mass in distribution.masses { total.add(mass) }
            #expect(abs(total.value - 1) < 1e-13)
            #expect(distribution.masses.count < 40 * Int(Double(trials).squareRoot()) + 60)
        }

        /// Binomial(n, p) at k is Binomial(n, 1 − p) at n − k. For p ≥ 1/2, 1 − p is exact in binary, so
        /// the two computations must agree to rounding; near p = 1 this is where the textbook formula
        /// loses ten digits.
        @Test(arguments: [(37, 0.9), (1000, 0.75), (20000, 0.999), (1_000_000, 0.999_999), (1_000_000, 0.8)])
        func mirroredDistributionsAgree(trials: Int, probability: Double) {
            let distribution = BinomialDistribution(trials: trials, probability: probability)
            let mirror = BinomialDistribution(trials: trials, probability: 1 - probability)
            for count in distribution.lowestCount...distribution.highestCount {
                let mass = distribution.probability(of: count)
                guard mass > 1e-12 else { continue }
                #expect(abs(mirror.probability(of: trials - count) / mass - 1) < 1e-13, "count \(count)")
            }
        }

        /// R's `qbinom` (smallest r with P(X ≤ r) ≥ p); expected values from scipy's `binom.ppf`.
        @Test func quantilesMatchScipy() {
            #expect(BinomialDistribution(trials: 50, probability: 0.2).quantile(0.999) == 19)
            #expect(BinomialDistribution(trials: 50, probability: 0.2).quantile(0.001) == 2)
            #expect(BinomialDistribution(trials: 0, probability: 0.5).quantile(0.05) == 0)
            #expect(BinomialDistribution(trials: 99, probability: 0.5).quantile(0.05) == 41)
        }
    }
}
