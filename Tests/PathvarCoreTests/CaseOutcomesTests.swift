import Testing

@testable import PathvarCore

/// The packed store must give back exactly the outcomes it was given, in the order asked
/// for, however it was built from batches.
@Suite struct CaseOutcomesTests {
    static func same(_ a: CaseOutcome, _ b: CaseOutcome) -> Bool {
        a.caseId == b.caseId && a.inCohort == b.inCohort && a.group == b.group && a.entryTime == b.entryTime
            && a.eventCount == b.eventCount && a.deviations == b.deviations && a.optionsTaken == b.optionsTaken
            && a.preferenceDocumented == b.preferenceDocumented && a.varianceRecords == b.varianceRecords
            && a.offPathway.map(\.activity) == b.offPathway.map(\.activity)
            && a.offPathway.map(\.events) == b.offPathway.map(\.events)
    }

    @Test(arguments: AuditPropertyTests.seeds.prefix(6))
    func batchesPackAndUnpackExactly(seed: UInt64) throws {
        let scenario = try AuditPropertyTests.Scenario(seed: seed)
        let result = try scenario.audit(try scenario.write("log.csv", format: .csv))
        let original = Array(result.outcomes)
        #expect(original.contains { !$0.deviations.isEmpty })

        // Packed in uneven batches and joined, as the evaluator threads do.
        // Empty batches included; a single case is sometimes appended on its own.
        var random = SplitMix64(seed: seed)
        let choices = result.compiled.choiceElements.count
        var joined = CaseOutcomes(choiceCount: choices)
        var start = 0
        while start < original.count {
            let end = min(original.count, start + Int(random.next() % 30))
            var batch = CaseOutcomes(choiceCount: choices)
            for outcome in original[start..<end] { batch.append(outcome) }
            joined.append(contentsOf: batch)
            start = end
            if random.next() % 4 == 0 && start < original.count {
                joined.append(original[start])
                start += 1
            }
        }
        #expect(joined.count == original.count)
        for index in original.indices { #expect(Self.same(joined[index], original[index]), "case \(index)") }

        // Listed in another order, every position reads the case put there.
        let reversedOrder = Array(original.indices.reversed())
        let reordered = joined.reordered(reversedOrder)
        for (position, index) in reversedOrder.enumerated() {
            #expect(Self.same(reordered[position], original[index]))
            #expect(reordered.caseId(at: position) == original[index].caseId)
            #expect(reordered.group(at: position) == original[index].group)
        }
    }

    @Test func anEmptyStoreHasNoCases() {
        let empty = CaseOutcomes(choiceCount: 3)
        #expect(empty.isEmpty)
        #expect(CaseOutcomes([CaseOutcome]()).isEmpty)
    }
}
