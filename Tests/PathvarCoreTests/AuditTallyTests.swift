import Testing

@testable import PathvarCore

/// The tally each evaluator thread keeps must add up to the same counts however the cases
/// were split between threads, and an audit that keeps no cases must count what one that
/// keeps them counts.
@Suite struct AuditTallyTests {
    @Test(arguments: AuditPropertyTests.seeds)
    func anySplitAddsUpToTheSameTally(seed: UInt64) throws {
        let scenario = try AuditPropertyTests.Scenario(seed: seed)
        let result = try scenario.audit(try scenario.write("log.csv", format: .csv))
        let whole = AuditTally(result.outcomes, compiled: result.compiled, clock: result.clock)
        #expect(whole == result.tally)
        #expect(whole.cases == result.outcomes.count)

        var random = SplitMix64(seed: seed)
        var split = AuditTally(compiled: result.compiled)
        var start = 0
        var parts: [AuditTally] = []
        while start < result.outcomes.count {
            let end = min(result.outcomes.count, start + 1 + Int(random.next() % 40))
            parts.append(AuditTally(result.outcomes[start..<end], compiled: result.compiled, clock: result.clock))
            start = end
        }
        // Added in reverse, so that order cannot matter either.
        for part in parts.reversed() { split.add(part) }
        #expect(split == whole)
    }

    @Test(arguments: AuditPropertyTests.seeds.prefix(4))
    func streamingCountsWhatKeepingCounts(seed: UInt64) throws {
        let scenario = try AuditPropertyTests.Scenario(seed: seed)
        let path = try scenario.write("log.xes", format: .xes)
        let kept = try scenario.audit(path)
        var configuration = AuditConfiguration(logPath: path)
        configuration.keepCases = false
        let streamed = try Audit.run(pathway: scenario.pathway, configuration: configuration)
        #expect(streamed.outcomes.isEmpty)
        let labels = ReportLabels(result: kept, blind: false)
        #expect(
            AuditTotals(streamed, groupName: { labels.group($0).text })
                == AuditTotals(kept, groupName: { labels.group($0).text }))
    }

    @Test func totalsNameOnlyWhatWasCounted() throws {
        let scenario = try AuditPropertyTests.Scenario(seed: 3)
        let result = try scenario.audit(try scenario.write("log.csv", format: .csv))
        let labels = ReportLabels(result: result, blind: false)
        let totals = AuditTotals(result, groupName: { labels.group($0).text })
        for element in totals.elements {
            #expect(!element.kinds.values.contains(0))
            #expect(!element.classes.values.contains(0))
        }
        #expect(!totals.deviations.values.contains(0))
        #expect(totals.cases == result.outcomes.count)
        #expect(totals.cohortCases == result.outcomes.filter(\.inCohort).count)
    }
}

/// The evaluator's delay table must count exactly what a dictionary counts, through growth,
/// negative and huge keys, and merging.
@Suite struct DelayCountsTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func countsLikeADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var table = DelayCounts()
        var other = DelayCounts()
        var expected: [Int64: Int] = [:]
        for round in 0..<20_000 {
            let key: Int64 =
                switch random.next() % 4 {
                case 0: Int64(bitPattern: random.next())
                case 1: -Int64(random.next() % 100)
                default: Int64(random.next() % 3_000)
                }
            if round % 3 == 0 { other.add(key) } else { table.add(key) }
            expected[key, default: 0] += 1
        }
        table.add(other)
        #expect(table.dictionary == expected)
        #expect(table.distinct == expected.count)
        #expect(DelayCounts().dictionary.isEmpty)
    }
}
