import Testing

@testable import PathvarCore

/// Every matching and classification rule of the audit, each on the smallest case that shows it.
@Suite struct MatchingRulesTests {
    typealias E = AuditHarness.E

    static let pathway = """
        <pathway xmlns="urn:pathvar:pathway:1" id="rules" version="1" title="Rules">
          <cohort group-by="ward">
            <entry activity="Arrival"/>
            <include key="suspected" equals="true"/>
            <exclude key="diagnosis" equals="XX"/>
          </cohort>
          <stage id="acute" mode="repetitive" order="sequence">
            <step id="triage" activity="Triage" max="1"><alias>Triage (paper)</alias><window after="entry" max="PT30M"/></step>
            <step id="bloods" activity="Bloods" required="must-unless-documented"><window after="triage" min="PT0S" max="PT1H"/></step>
            <step id="review" activity="Review" required="could"><window after="destination" max="PT2H"/></step>
            <avoid id="ct" activity="CT Head" unless-documented="true"/>
          </stage>
          <stage id="where" mode="constrained" order="sequence">
            <choice id="destination" select="exactly-one" required="must-unless-documented" documented-by="Shared decision">
              <option id="ward" activity="Ward"/>
              <option id="icu" activity="ICU"/>
              <window after="triage" max="PT4H"/>
            </choice>
            <step id="handover" activity="Handover" max="1"/>
          </stage>
          <stage id="complex" mode="unconstrained">
            <step id="plan" activity="Care plan"/>
          </stage>
          <variance-codes record="Variance" step-key="step" code-key="code">
            <code id="P1" category="patient" warrants="true">Declined</code>
            <code id="S1" category="system" warrants="false">No bed</code>
          </variance-codes>
          <ignore activity="CRP"/>
        </pathway>
        """

    static let arrival = E("Arrival", 0, ["suspected": "true", "ward": "A"])

    /// A case that follows the pathway exactly.
    static let conformant: [E] = [
        arrival, E("Triage", 10), E("Bloods", 20), E("Shared decision", 55), E("Ward", 60),
        E("Handover", 70), E("Care plan", 100),
    ]

    func harness() throws -> AuditHarness { try AuditHarness(pathway: Self.pathway) }

    func evaluate(_ events: [E], caseAttributes: [String: String] = [:]) throws -> [String] {
        var harness = try harness()
        return harness.describe(harness.evaluate(events, caseAttributes: caseAttributes))
    }

    /// The conformant case with some events removed and others added.
    func variant(removing: Set<String> = [], adding: [E] = []) -> [E] {
        Self.conformant.filter { !removing.contains($0.activity) } + adding
    }

    @Test func conformantCaseHasNoDeviations() throws {
        var harness = try harness()
        let outcome = harness.evaluate(Self.conformant)
        #expect(outcome.inCohort)
        #expect(outcome.deviations.isEmpty)
        #expect(outcome.isConformant)
        #expect(outcome.entryTime == AuditHarness.time(0))
        #expect(harness.symbols.string(outcome.group) == "A")
        #expect(outcome.optionsTaken == [0b01])
        #expect(outcome.preferenceDocumented == [true])
    }

    // MARK: omitted

    @Test func requiredStepNotDoneIsOmittedAndUnwarranted() throws {
        #expect(try evaluate(variant(removing: ["Bloods"])) == ["bloods omitted unwarranted undocumented"])
    }

    @Test func couldStepNotDoneIsNoDeviation() throws {
        #expect(try evaluate(variant(removing: ["Review"])) == [])
    }

    @Test func omissionWithWarrantingCodeIsWarranted() throws {
        let record = E("Variance", 30, ["step": "bloods", "code": "P1"])
        var harness = try harness()
        let outcome = harness.evaluate(variant(removing: ["Bloods"], adding: [record]))
        #expect(harness.describe(outcome) == ["bloods omitted warranted documented:P1"])
        #expect(outcome.isConformant)
    }

    @Test func omissionWithNonWarrantingCodeIsUnwarranted() throws {
        let record = E("Variance", 30, ["step": "bloods", "code": "S1"])
        #expect(
            try evaluate(variant(removing: ["Bloods"], adding: [record])) == [
                "bloods omitted unwarranted documented:S1"
            ])
    }

    @Test func codeCannotExcuseAStepThatIsMust() throws {
        let record = E("Variance", 30, ["step": "triage", "code": "P1"])
        let result = try evaluate(variant(removing: ["Triage"], adding: [record]))
        #expect(result.first == "triage omitted unwarranted documented:P1")
    }

    @Test func earliestCodeCounts() throws {
        let codes = [
            E("Variance", 40, ["step": "bloods", "code": "P1"]), E("Variance", 30, ["step": "bloods", "code": "S1"]),
        ]
        #expect(
            try evaluate(variant(removing: ["Bloods"], adding: codes)) == ["bloods omitted unwarranted documented:S1"])
        let swapped = [
            E("Variance", 30, ["step": "bloods", "code": "P1"]), E("Variance", 40, ["step": "bloods", "code": "S1"]),
        ]
        #expect(
            try evaluate(variant(removing: ["Bloods"], adding: swapped)) == ["bloods omitted warranted documented:P1"])
    }

    @Test func unknownCodeIsReportedAndTreatedAsNoCode() throws {
        var harness = try harness()
        let record = E("Variance", 30, ["step": "bloods", "code": "ZZ"])
        let outcome = harness.evaluate(variant(removing: ["Bloods"], adding: [record]))
        #expect(harness.describe(outcome) == ["bloods omitted unwarranted undocumented"])
        #expect(outcome.varianceRecords.count == 1)
        #expect(outcome.varianceRecords[0].code == nil)
        #expect(harness.symbols.string(outcome.varianceRecords[0].codeSymbol) == "ZZ")
    }

    // MARK: repeated, late, early

    @Test func moreThanMaxIsRepeatedCountingAliases() throws {
        var harness = try harness()
        let outcome = harness.evaluate(variant(adding: [E("Triage (paper)", 15)]))
        #expect(harness.describe(outcome) == ["triage repeated unwarranted undocumented"])
        #expect(outcome.deviations[0].detail == .count(2))
        #expect(outcome.deviations[0].time == AuditHarness.time(15))
    }

    @Test func afterWindowMaxIsLate() throws {
        var harness = try harness()
        let events = variant(removing: ["Triage"], adding: [E("Triage", 45)])
        let outcome = harness.evaluate(events)
        // Bloods at 20 is now also before triage: early and out of order.
        #expect(
            harness.describe(outcome) == [
                "triage late unwarranted undocumented", "bloods early unwarranted undocumented",
                "bloods out-of-order unwarranted undocumented",
            ])
        #expect(outcome.deviations[0].detail == .delay(45 * 60_000_000))
        #expect(outcome.deviations[1].detail == .delay(-25 * 60_000_000))
    }

    @Test func exactlyAtWindowMaxIsOnTime() throws {
        #expect(
            try evaluate(variant(removing: ["Triage"], adding: [E("Triage", 30)])) == [
                "bloods early unwarranted undocumented", "bloods out-of-order unwarranted undocumented",
            ])
    }

    @Test func equalTimesAreInOrderAndNotEarly() throws {
        #expect(try evaluate(variant(removing: ["Bloods"], adding: [E("Bloods", 10)])) == [])
    }

    @Test func absentAnchorMeansNoTimingCheck() throws {
        // No triage: bloods at any time is neither late nor early; review's anchor (the choice) absent too.
        let events = variant(
            removing: ["Triage", "Ward", "Shared decision"], adding: [E("Bloods", 500), E("Review", 900)])
        #expect(
            try evaluate(events) == [
                "triage omitted unwarranted undocumented", "destination no-option unwarranted undocumented",
            ])
    }

    @Test func eventsBeforeEntryCountAndAreTimedFromEntry() throws {
        // Triage five minutes before registration: done, once, not late (no min on its window).
        let events = variant(removing: ["Triage"], adding: [E("Triage", -5)])
        #expect(try evaluate(events) == [])
    }

    @Test func choiceFirstIsItsEarliestOption() throws {
        // ICU at 50 anchors review: review at 200 is 150 minutes later, past PT2H.
        let events = variant(adding: [E("ICU", 50), E("Review", 200)])
        let result = try evaluate(events)
        #expect(result.contains("review late unwarranted undocumented"))
        #expect(result.contains("destination multiple-options unwarranted undocumented"))
    }

    // MARK: out-of-order

    @Test func earlierThanPreviousInSequenceIsOutOfOrder() throws {
        var harness = try harness()
        let events = variant(removing: ["Bloods"], adding: [E("Bloods", 8)])
        let outcome = harness.evaluate(events)
        #expect(
            harness.describe(outcome) == [
                "bloods early unwarranted undocumented", "bloods out-of-order unwarranted undocumented",
            ])
        #expect(outcome.deviations[1].detail == .before(element: 0, by: 2 * 60_000_000))
    }

    @Test func outOfOrderComparesWithThePreviousElementThatHappened() throws {
        // Triage omitted: bloods is compared with nothing, so it is in order.
        #expect(try evaluate(variant(removing: ["Triage"])) == ["triage omitted unwarranted undocumented"])
    }

    // MARK: choices

    @Test func noOptionWhenOneIsRequired() throws {
        #expect(try evaluate(variant(removing: ["Ward"])) == ["destination no-option unwarranted undocumented"])
    }

    @Test func noOptionExcusedByWarrantingCode() throws {
        let record = E("Variance", 30, ["step": "destination", "code": "P1"])
        #expect(
            try evaluate(variant(removing: ["Ward"], adding: [record])) == [
                "destination no-option warranted documented:P1"
            ])
    }

    @Test func twoOptionsOfExactlyOneIsMultipleOptions() throws {
        var harness = try harness()
        let outcome = harness.evaluate(variant(adding: [E("ICU", 90)]))
        #expect(harness.describe(outcome) == ["destination multiple-options unwarranted undocumented"])
        #expect(outcome.deviations[0].detail == .options([0, 1]))
        #expect(outcome.deviations[0].time == AuditHarness.time(90))
        #expect(outcome.optionsTaken == [0b11])
    }

    @Test func optionWithoutDocumentedPreference() throws {
        #expect(
            try evaluate(variant(removing: ["Shared decision"])) == [
                "destination preference-undocumented unwarranted undocumented"
            ])
    }

    @Test(arguments: [
        ("exactly-one", 0, ["c no-option unwarranted undocumented"]),
        ("exactly-one", 2, ["c multiple-options unwarranted undocumented"]),
        ("at-most-one", 0, []), ("at-most-one", 2, ["c multiple-options unwarranted undocumented"]),
        ("one-or-more", 0, ["c no-option unwarranted undocumented"]), ("one-or-more", 2, []),
        ("any", 0, []), ("any", 2, []),
    ])
    func selectDecidesHowManyOptions(select: String, taken: Int, expected: [String]) throws {
        let xml = """
            <pathway xmlns="urn:pathvar:pathway:1" id="s" version="1" title="Select">
              <cohort><entry activity="In"/></cohort>
              <stage id="s" mode="repetitive">
                <choice id="c" select="\(select)"><option id="a" activity="A"/><option id="b" activity="B"/></choice>
              </stage>
            </pathway>
            """
        var harness = try AuditHarness(pathway: xml)
        let events = [E("In", 0), E("A", 1), E("B", 2)].prefix(1 + taken)
        #expect(harness.describe(harness.evaluate(Array(events))) == expected)
    }

    @Test func couldChoiceWithoutOptionIsNoDeviation() throws {
        let xml = Self.pathway.replacingAll(
            #"required="must-unless-documented" documented-by"#, with: #"required="could" documented-by"#)
        var harness = try AuditHarness(pathway: xml)
        #expect(harness.describe(harness.evaluate(variant(removing: ["Ward"]))) == [])
    }

    // MARK: modes

    @Test func constrainedTimingOrderAndRepetitionAreWarranted() throws {
        let events = variant(
            removing: ["Ward", "Handover"], adding: [E("Handover", 50), E("Ward", 300), E("Handover", 310)])
        #expect(
            try evaluate(events) == [
                "destination late warranted constrained-mode", "handover repeated warranted constrained-mode",
                "handover out-of-order warranted constrained-mode",
            ])
    }

    @Test func unconstrainedIsUnassessed() throws {
        var harness = try harness()
        let outcome = harness.evaluate(variant(removing: ["Care plan"]))
        #expect(harness.describe(outcome) == ["plan omitted unassessed unconstrained-mode"])
        #expect(outcome.isConformant)
    }

    @Test func avoidedActivityIsOveruse() throws {
        #expect(try evaluate(variant(adding: [E("CT Head", 30)])) == ["ct overuse unwarranted undocumented"])
        let record = E("Variance", 31, ["step": "ct", "code": "P1"])
        #expect(try evaluate(variant(adding: [E("CT Head", 30), record])) == ["ct overuse warranted documented:P1"])
    }

    // MARK: cohort and groups

    @Test func caseOutsideTheCohortHasNoDeviations() throws {
        var harness = try harness()
        let notSuspected = [E("Arrival", 0, ["suspected": "false"])]
        let excluded = [E("Arrival", 0, ["suspected": "true", "diagnosis": "XX"])]
        let noEntry = [E("Triage", 0, ["suspected": "true"])]
        for events in [notSuspected, excluded, noEntry] {
            let outcome = harness.evaluate(events)
            #expect(!outcome.inCohort)
            #expect(outcome.deviations.isEmpty)
        }
        #expect(harness.evaluate(noEntry).entryTime == nil)
    }

    @Test func cohortKeysFallBackToCaseAttributes() throws {
        var harness = try harness()
        let outcome = harness.evaluate(
            [E("Arrival", 0)] + Self.conformant.dropFirst(), caseAttributes: ["suspected": "true", "ward": "B"])
        #expect(outcome.inCohort)
        #expect(harness.symbols.string(outcome.group) == "B")
    }

    @Test func firstEntryEventDecides() throws {
        var harness = try harness()
        let second = E("Arrival", 5, ["suspected": "true", "ward": "Z"])
        let outcome = harness.evaluate([E("Arrival", 0, ["ward": "C"]), second] + Self.conformant.dropFirst())
        #expect(!outcome.inCohort)  // the first Arrival does not say suspected=true, and the case has no such attribute
        #expect(harness.symbols.string(outcome.group) == "C")
    }

    @Test func missingGroupIsUnknown() throws {
        var harness = try harness()
        let outcome = harness.evaluate([E("Arrival", 0, ["suspected": "true"])])
        #expect(outcome.group == LogCase.missing)
    }

    @Test func groupByOverrideReadsAnotherKey() throws {
        var harness = try AuditHarness(pathway: Self.pathway, groupBy: "site")
        let outcome = harness.evaluate([E("Arrival", 0, ["suspected": "true", "ward": "A", "site": "North"])])
        #expect(harness.symbols.string(outcome.group) == "North")
    }

    // MARK: off-pathway

    @Test func unmatchedActivitiesAreOffPathwayNeverDeviations() throws {
        var harness = try harness()
        let outcome = harness.evaluate(
            variant(adding: [
                E("Coffee", 5), E("Coffee", 6), E("CRP", 7), E("Variance", 8, ["step": "bloods", "code": "P1"]),
            ]))
        #expect(outcome.deviations.isEmpty)
        #expect(outcome.offPathway.map { harness.symbols.string($0.activity) } == ["Coffee"])
        #expect(outcome.offPathway.map(\.events) == [2])
    }

    @Test func labelsMatchExactly() throws {
        // No trimming or case folding: "triage" and "Triage " are other activities.
        let events = variant(removing: ["Triage"], adding: [E("triage", 10), E("Triage ", 11)])
        var harness = try harness()
        let outcome = harness.evaluate(events)
        #expect(harness.describe(outcome).first == "triage omitted unwarranted undocumented")
        #expect(outcome.offPathway.count == 2)
    }
}
