import Testing

@testable import PathvarCore

extension StatisticsTests {
    @Suite struct DelayStatisticsTests {
        static let quantiles: [Double] = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1, 1.0 / 3]

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let multiset: [Int64: Int]
            let expected: [Double]
            var testDescription: String { name }
        }

        /// Expected values from numpy 2.4.6 on the multiset expanded into one entry per case:
        ///
        ///     arr = np.repeat(np.array(list(ms.keys()), dtype=np.int64), list(ms.values()))
        ///     [float(np.quantile(arr, q)) for q in [0, .1, .25, .5, .75, .9, .95, .99, 1, 1/3]]
        ///
        /// They are compared for exact equality: the arithmetic follows numpy's, so even numpy's rounding
        /// (20159.99999999994) must come out the same. "nearer neighbour" was found by searching random
        /// multisets (`random.seed(1)`) for one where numpy's order of interpolation shows in the last digits.
        static let numpyCases: [Case] = [
            Case(name: "single", multiset: [0: 1], expected: Array(repeating: 0, count: 10)),
            Case(
                name: "two", multiset: [5: 1, 1: 1],
                expected: [1.0, 1.4, 2.0, 3.0, 4.0, 4.6, 4.8, 4.96, 5.0, 2.333333333333333]),
            Case(
                name: "typical", multiset: [300: 4, 1200: 7, 3600: 2, 86400: 1, 45: 3],
                expected: [
                    45.0, 45.0, 300.0, 1200.0, 1200.0, 3600.0, 20159.99999999994, 73151.99999999999, 86400.0, 300.0,
                ]
            ),
            Case(
                name: "busy", multiset: [60: 1_000_000, 120: 999_999, 7200: 3],
                expected: [60.0, 60.0, 60.0, 120.0, 120.0, 120.0, 120.0, 120.0, 7200.0, 60.0]),
            Case(
                name: "negative", multiset: [-3600: 2, 0: 5, 1800: 1],
                expected: [
                    -3600.0, -3600.0, -900.0, 0.0, 0.0, 539.9999999999997, 1169.999999999999, 1673.9999999999995,
                    1800.0, 0.0,
                ]),
            Case(
                name: "beyond 2^53", multiset: [1_700_000_000: 3, 9_007_199_254_740_993: 2],
                expected: [
                    1700000000.0, 1700000000.0, 1700000000.0, 1700000000.0, 9007199254740992.0, 9007199254740992.0,
                    9007199254740992.0, 9007199254740992.0, 9007199254740992.0, 1700000000.0,
                ]),
            // One where numpy's measuring from the nearer neighbour changes the last digits.
            Case(
                name: "nearer neighbour", multiset: [31997: 3, 305263: 1],
                expected: [
                    31997.0, 31997.0, 31997.0, 31997.0, 100313.5, 223283.20000000007, 264273.0999999999,
                    297065.0199999999, 305263.0, 31997.0,
                ]),
            Case(
                name: "random (Python random.seed(7), 50 delays)",
                multiset: [
                    9829: 3, 12211: 18, 12999: 8, 16216: 19, 18312: 8, 18988: 18, 19189: 4, 21457: 19, 23779: 18,
                    24675: 12, 27015: 19, 34910: 10, 39841: 16, 43243: 11, 47124: 8, 58520: 19, 75481: 20, 78582: 8,
                    78708: 17, 82247: 11, 84890: 5, 97621: 4, 103500: 2, 109874: 5, 110545: 2, 111285: 2, 112090: 11,
                    113677: 14, 118799: 12, 122054: 19, 129791: 11, 130132: 18, 133021: 7, 134200: 14, 141737: 4,
                    143587: 3, 146296: 19, 146868: 6, 147945: 2, 148230: 4, 149661: 10, 149737: 7, 152016: 15,
                    152774: 2, 153496: 13, 155810: 16, 162269: 7, 175168: 3, 182267: 12, 191219: 15,
                ],
                expected: [
                    9829.0, 18312.0, 27015.0, 82247.0, 143587.0, 153727.40000000005, 179072.44999999966, 191219.0,
                    191219.0, 43243.0,
                ]),
        ]

        @Test(arguments: numpyCases)
        func matchesNumpyExactly(_ testCase: Case) throws {
            for (q, expected) in zip(Self.quantiles, testCase.expected) {
                let value = try #require(DelayStatistics.percentile(q, of: testCase.multiset))
                #expect(value == expected, "q = \(q)")
            }
            #expect(DelayStatistics.percentiles(Self.quantiles, of: testCase.multiset) == testCase.expected)
        }

        @Test func noCasesHasNoPercentile() {
            #expect(DelayStatistics.percentile(0.5, of: [:]) == nil)
            #expect(DelayStatistics.percentile(0.5, of: [60: 0, 120: 0]) == nil)
            #expect(DelayStatistics.median(of: [:]) == nil)
            #expect(DelayStatistics.percentiles([0.5], of: [:]) == nil)
        }

        /// Delays with no cases are not values: they must not pull the percentiles.
        @Test func zeroCountsAreIgnored() {
            #expect(DelayStatistics.median(of: [10: 1, 20: 0, 30: 1, 1_000_000: 0]) == 20)
            #expect(DelayStatistics.percentile(1, of: [10: 1, 30: 1, 1_000_000: 0]) == 30)
        }

        /// Pooling hospitals by adding counts gives the same percentiles as one long list of all cases,
        /// computed here by a plain sort of the expanded list.
        @Test func pooledHospitalsMatchTheExpandedList() throws {
            var generator = SplitMixRandom(seed: 2024)
            for _ in 0..<50 {
                let hospitals: [[Int64: Int]] = (0..<3).map { _ in
                    var multiset: [Int64: Int] = [:]
                    for _ in 0..<Int(generator.next() % 12) {
                        multiset[Int64(generator.next() % 500) * 60, default: 0] += Int(generator.next() % 4)
                    }
                    return multiset
                }
                let pooled = DelayStatistics.combined(hospitals)
                let everyCase = hospitals.flatMap { $0.flatMap { Array(repeating: $0.key, count: $0.value) } }.sorted()
                #expect(DelayStatistics.caseCount(of: pooled) == everyCase.count)
                for q in Self.quantiles {
                    let value = DelayStatistics.percentile(q, of: pooled)
                    #expect(value == Self.typeSeven(q, sorted: everyCase))
                }
            }
        }

        /// The same multiset built in different orders (and so iterated differently) gives the same answer.
        @Test func resultDoesNotDependOnDictionaryOrder() {
            let pairs: [(Int64, Int)] = (0..<200).map { (Int64($0 * 7919 % 1000), $0 % 5 + 1) }
            var forwards: [Int64: Int] = [:]
            for (delay, count) in pairs { forwards[delay, default: 0] += count }
            var backwards: [Int64: Int] = Dictionary(minimumCapacity: 4096)
            for (delay, count) in pairs.reversed() { backwards[delay, default: 0] += count }
            #expect(
                DelayStatistics.percentiles(Self.quantiles, of: forwards)
                    == DelayStatistics.percentiles(Self.quantiles, of: backwards))
        }

        /// Many distinct delays and many millions of cases: the work depends on the distinct delays
        /// only (the time limit is a guard against a hang, not a speed target; speed is measured in
        /// the benchmark suite).
        @Test(.timeLimit(.minutes(1))) func largeMultisetsAreHandled() throws {
            var multiset: [Int64: Int] = [:]
            for delay in 0..<100_000 { multiset[Int64(delay) * 30] = 1 + delay % 1000 }
            #expect(try #require(DelayStatistics.median(of: multiset)) > 0)
        }

        /// A percentile is a fraction, not a number out of 100: percentile(90, …) must stop, not answer.
        @Test func percentilesOutOfRangeStop() async {
            await #expect(processExitsWith: .failure) {
                _ = DelayStatistics.percentile(90, of: [1: 1])
            }
        }

        /// Hyndman and Fan's type 7 on a sorted list, in numpy's order of operations.
        static func typeSeven(_ q: Double, sorted: [Int64]) -> Double? {
            guard !sorted.isEmpty else { return nil }
            let position = Double(sorted.count - 1) * q
            if position >= Double(sorted.count - 1) { return Double(sorted[sorted.count - 1]) }
            let index = Int(position.rounded(.down))
            let fraction = position - position.rounded(.down)
            let (a, b) = (sorted[index], sorted[index + 1])
            let difference = Double(b - a)
            return fraction >= 0.5 ? Double(b) - difference * (1 - fraction) : Double(a) + difference * fraction
        }
    }
}

/// A small deterministic generator (SplitMix64) so that randomised tests repeat exactly.
private struct SplitMixRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
