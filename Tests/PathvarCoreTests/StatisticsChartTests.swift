import Testing

@testable import PathvarCore

// MARK: - p-chart

extension StatisticsTests {
    @Suite struct PChartTests {
        /// Expected values from Python 3.11 with the textbook formula, independently of this code:
        ///
        ///     m = [(100,10),(50,20),(0,0),(200,10),(400,20),(30,0),(2000,50)]
        ///     c = sum(e for n, e in m) / sum(n for n, e in m)           # 110 / 2780
        ///     s = 3 * math.sqrt(c * (1 - c) / n); lo = max(c - s, 0); hi = min(c + s, 1)
        @Test func limitsAndSignalsMonthByMonth() throws {
            let chart = PChart(months: [
                PChart.Month(cases: 100, events: 10), PChart.Month(cases: 50, events: 20),
                PChart.Month(cases: 0, events: 0), PChart.Month(cases: 200, events: 10),
                PChart.Month(cases: 400, events: 20), PChart.Month(cases: 30, events: 0),
                PChart.Month(cases: 2000, events: 50),
            ])
            #expect(chart.centre == 110.0 / 2780)
            #expect(abs(try #require(chart.centre) - 0.039568345323741004) < 1e-17)
            let expected: [(lower: Double, upper: Double, signal: PChartSignal)?] = [
                (0, 0.09805118232304702, .above),
                (0, 0.12227556657421462, .above),
                nil,
                (0, 0.0809219559489778, .within),
                (0.010326926824088, 0.06880976382339402, .within),
                (0, 0.1463429088284665, .within),
                (0.026491185418992196, 0.05264550522848981, .below),
            ]
            #expect(chart.points.count == expected.count)
            for (point, expected) in zip(chart.points, expected) {
                guard let expected else {
                    #expect(point.limits == nil && point.signal == nil && point.rate == nil)
                    continue
                }
                let limits = try #require(point.limits)
                #expect(abs(limits.lower - expected.lower) < 1e-15)
                #expect(abs(limits.upper - expected.upper) < 1e-15)
                #expect(point.signal == expected.signal)
                #expect(point.rate == Double(point.events) / Double(point.cases))
            }
        }

        @Test func noCasesAtAllMeansNoCentreAndNoLimits() {
            let chart = PChart(months: [PChart.Month(cases: 0, events: 0), PChart.Month(cases: 0, events: 0)])
            #expect(chart.centre == nil)
            #expect(chart.points.allSatisfy { $0.limits == nil && $0.signal == nil && $0.rate == nil })
            #expect(PChart(months: []).points.isEmpty)
            #expect(PChart(months: []).centre == nil)
        }

        /// With no events anywhere the limits collapse to 0 and every month is within them.
        @Test func allZeroRatesAreWithin() {
            let chart = PChart(months: [PChart.Month(cases: 10, events: 0), PChart.Month(cases: 3, events: 0)])
            #expect(chart.centre == 0)
            #expect(chart.points.allSatisfy { $0.limits == PChart.Limits(lower: 0, upper: 0) && $0.signal == .within })
        }

        /// Limits are clamped to 0…1 and a month on the clamped limit is not outside it.
        @Test func limitsAreClampedAndStrict() throws {
            let chart = PChart(months: [PChart.Month(cases: 2, events: 2), PChart.Month(cases: 2, events: 0)])
            #expect(chart.centre == 0.5)
            let first = try #require(chart.points.first?.limits)
            #expect(first == PChart.Limits(lower: 0, upper: 1))
            #expect(chart.points.map(\.signal) == [.within, .within])
        }
    }
}

// MARK: - Run-chart rules (Anhøj)

extension StatisticsTests {
    @Suite struct RunChartTests {
        /// (n, longest-run limit, crossings limit) for n = 10…100 useful points, from Python 3.11 /
        /// scipy 1.17.1:
        ///
        ///     (round(math.log2(n)) + 3, int(scipy.stats.binom.ppf(0.05, n - 1, 0.5)))
        ///
        /// Python's `round` rounds halves to even like R's; both columns were also checked for
        /// n = 1…3000 against exact integer arithmetic (n² against 2^(2k+1); 20·Σ C(n−1, c) against
        /// 2^(n−1)) with no disagreement.
        static let scipyTable: [(Int, Int, Int)] = [
            (10, 6, 2), (11, 6, 2), (12, 7, 3), (13, 7, 3), (14, 7, 4), (15, 7, 4), (16, 7, 4), (17, 7, 5),
            (18, 7, 5), (19, 7, 6), (20, 7, 6), (21, 7, 6), (22, 7, 7), (23, 8, 7), (24, 8, 8), (25, 8, 8),
            (26, 8, 8), (27, 8, 9), (28, 8, 9), (29, 8, 10), (30, 8, 10), (31, 8, 11), (32, 8, 11), (33, 8, 11),
            (34, 8, 12), (35, 8, 12), (36, 8, 13), (37, 8, 13), (38, 8, 14), (39, 8, 14), (40, 8, 14),
            (41, 8, 15), (42, 8, 15), (43, 8, 16), (44, 8, 16), (45, 8, 17), (46, 9, 17), (47, 9, 17),
            (48, 9, 18), (49, 9, 18), (50, 9, 19), (51, 9, 19), (52, 9, 20), (53, 9, 20), (54, 9, 21),
            (55, 9, 21), (56, 9, 21), (57, 9, 22), (58, 9, 22), (59, 9, 23), (60, 9, 23), (61, 9, 24),
            (62, 9, 24), (63, 9, 25), (64, 9, 25), (65, 9, 25), (66, 9, 26), (67, 9, 26), (68, 9, 27),
            (69, 9, 27), (70, 9, 28), (71, 9, 28), (72, 9, 29), (73, 9, 29), (74, 9, 29), (75, 9, 30),
            (76, 9, 30), (77, 9, 31), (78, 9, 31), (79, 9, 32), (80, 9, 32), (81, 9, 33), (82, 9, 33),
            (83, 9, 34), (84, 9, 34), (85, 9, 34), (86, 9, 35), (87, 9, 35), (88, 9, 36), (89, 9, 36),
            (90, 9, 37), (91, 10, 37), (92, 10, 38), (93, 10, 38), (94, 10, 39), (95, 10, 39), (96, 10, 39),
            (97, 10, 40), (98, 10, 40), (99, 10, 41), (100, 10, 41),
            // Longer series, same source.
            (200, 11, 88), (500, 12, 231), (1000, 13, 474), (5000, 15, 2441), (10000, 16, 4917),
            (100_000, 20, 49739),
        ]

        @Test(arguments: scipyTable)
        func limitsMatchScipy(row: (Int, Int, Int)) {
            let (n, runLimit, crossingsLimit) = row
            #expect(RunChartAnalysis.longestRunLimit(usefulPoints: n) == runLimit)
            #expect(RunChartAnalysis.crossingsLimit(usefulPoints: n) == crossingsLimit)
        }

        /// Anhøj and Olesen (2014), table 1: 20 points → run limit 7, at least 6 crossings;
        /// 30 points → 8 and 10.
        @Test func publishedTable() {
            #expect(RunChartAnalysis.longestRunLimit(usefulPoints: 20) == 7)
            #expect(RunChartAnalysis.crossingsLimit(usefulPoints: 20) == 6)
            #expect(RunChartAnalysis.longestRunLimit(usefulPoints: 30) == 8)
            #expect(RunChartAnalysis.crossingsLimit(usefulPoints: 30) == 10)
        }

        /// log2(n) rounds up exactly past n = 2^k·√2. The boundaries are from Python's exact
        /// `math.isqrt(2**(2*k+1))` (the last n that rounds down), including ones where a
        /// floating-point logarithm could not tell the two sides apart.
        @Test(arguments: [
            (1, 3), (2, 4), (3, 5), (4, 5), (5, 5), (6, 6), (11, 6), (12, 7),
            (1_482_910, 23), (1_482_911, 24),
            (1_554_944_255_987, 43), (1_554_944_255_988, 44),
            (3_260_954_456_333_195_553, 64), (3_260_954_456_333_195_554, 65),
            (Int.max, 66),
        ])
        func longestRunLimitRoundsExactly(n: Int, expected: Int) {
            #expect(RunChartAnalysis.longestRunLimit(usefulPoints: n) == expected)
        }

        /// Points on the centre line neither break nor start a run and are not counted; nor are gaps.
        @Test func pointsOnTheCentreLineAreIgnored() {
            let analysis = RunChartAnalysis(values: [1, 1, 5, 1, .nan, 9, 5, 9, 1], centre: 5)
            #expect(analysis.usefulPoints == 6)
            #expect(analysis.longestRun == 3)
            #expect(analysis.crossings == 2)
        }

        static let above = 1.0
        static let below = -1.0

        /// A series of points on each side, built from run lengths starting above the centre line 0.
        static func series(runs: [Int]) -> [Double] {
            runs.enumerated().flatMap { index, length in
                Array(repeating: index % 2 == 0 ? above : below, count: length)
            }
        }

        @Test func randomLookingSeriesHasNoSignal() {
            let values = Self.series(runs: [4, 1, 1, 1, 1, 2, 1, 1, 2, 1, 1, 2, 2])
            let analysis = RunChartAnalysis(values: values, centre: 0)
            #expect(analysis.usefulPoints == 20)
            #expect(analysis.longestRun == 4 && analysis.longestRunLimit == 7)
            #expect(analysis.crossings == 12 && analysis.crossingsLimit == 6)
            #expect(!analysis.hasUnusuallyLongRun && !analysis.hasTooFewCrossings && !analysis.showsNonRandomVariation)
            #expect(
                analysis.summary
                    == "No signs of non-random variation: longest run 4 (limit 7), 12 crossings (at least 6).")
        }

        @Test func longRunIsASignal() {
            // 20 points, a run of 8 (> 7), 8 crossings (≥ 6).
            let analysis = RunChartAnalysis(values: Self.series(runs: [8, 1, 1, 2, 1, 2, 1, 2, 2]), centre: 0)
            #expect(analysis.usefulPoints == 20 && analysis.longestRun == 8 && analysis.crossings == 8)
            #expect(analysis.hasUnusuallyLongRun && !analysis.hasTooFewCrossings)
            #expect(
                analysis.summary
                    == "Signs of non-random variation: a run of 8 points on one side of the centre line (limit 7); "
                    + "8 crossings (at least 6).")
        }

        @Test func fewCrossingsIsASignal() {
            // 20 points, runs no longer than 7, only 3 crossings (< 6).
            let analysis = RunChartAnalysis(values: Self.series(runs: [6, 7, 1, 6]), centre: 0)
            #expect(analysis.usefulPoints == 20 && analysis.longestRun == 7 && analysis.crossings == 3)
            #expect(!analysis.hasUnusuallyLongRun && analysis.hasTooFewCrossings)
            #expect(
                analysis.summary
                    == "Signs of non-random variation: only 3 crossings of the centre line (at least 6 expected); "
                    + "longest run 7 (limit 7).")
        }

        @Test func bothSignals() {
            let analysis = RunChartAnalysis(values: Self.series(runs: [10, 10]), centre: 0)
            #expect(analysis.hasUnusuallyLongRun && analysis.hasTooFewCrossings && analysis.showsNonRandomVariation)
            #expect(
                analysis.summary
                    == "Signs of non-random variation: a run of 10 points on one side of the centre line (limit 7) "
                    + "and only 1 crossing of the centre line (at least 6 expected).")
            let allOnOneSide = RunChartAnalysis(values: Array(repeating: 3, count: 12), centre: 1)
            #expect(allOnOneSide.crossings == 0 && allOnOneSide.longestRun == 12)
            #expect(allOnOneSide.summary.contains("no crossings of the centre line (at least 3 expected)"))
        }

        @Test func nothingOffTheCentreLine() {
            let analysis = RunChartAnalysis(values: [2, 2, 2], centre: 2)
            #expect(analysis.usefulPoints == 0 && analysis.longestRun == 0 && analysis.crossings == 0)
            #expect(analysis.longestRunLimit == 0 && analysis.crossingsLimit == 0)
            #expect(!analysis.showsNonRandomVariation)
            #expect(analysis.summary == "No points off the centre line, so the run-chart rules cannot be applied.")
            #expect(RunChartAnalysis(values: [], centre: 0).usefulPoints == 0)
        }

        @Test func shortSeriesCarryACaveat() {
            let analysis = RunChartAnalysis(values: Self.series(runs: [2, 1, 2, 1]), centre: 0)
            #expect(analysis.usefulPoints == 6 && analysis.longestRunLimit == 6 && analysis.crossingsLimit == 1)
            #expect(
                analysis.summary
                    == "No signs of non-random variation: longest run 2 (limit 6), 3 crossings (at least 1). "
                    + "Only 6 points are off the centre line, too few for the rules to be reliable.")
        }

        @Test func medianIsTheCentreLine() {
            #expect(RunChartAnalysis.median(of: [3, 1, 2]) == 2)
            #expect(RunChartAnalysis.median(of: [4, 1, 3, 2]) == 2.5)
            #expect(RunChartAnalysis.median(of: [.nan, 7]) == 7)
            #expect(RunChartAnalysis.median(of: []) == nil)
            #expect(RunChartAnalysis.median(of: [.nan]) == nil)
        }
    }
}
