/// Evaluates cases against a compiled pathway: one pass over a case's events fills
/// per-element counters, then each rule is read off the counters.
///
/// An evaluator owns its scratch arrays and reuses them from case to case, so evaluating
/// allocates only for what the outcome keeps. Give each thread its own evaluator.
public struct CaseEvaluator {
    public let compiled: CompiledPathway

    /// Per element: matching events (for a choice, events of any option).
    private(set) var count: [Int32]
    /// Per element: time of the first matching event, `Int64.max` when none.
    private(set) var first: [Int64]
    /// Per element: time of the event that went past `max` (repeated).
    private(set) var beyondMax: [Int64]
    /// Per element: the earliest documented code, -1 when none.
    private(set) var documentedCode: [Int32]
    /// Per choice: bit per option taken, when the second distinct option was first taken,
    /// and whether the preference was documented.
    private(set) var taken: [UInt64]
    private(set) var secondOptionTime: [Int64]
    private(set) var preference: [Bool]
    private var offPathway: [Int32: Int32] = [:]
    /// The last case's off-pathway activities and their event counts, by activity id.
    private(set) var offPathwayCounts: [(activity: Int32, events: Int32)] = []
    private(set) var records: [VarianceRecord] = []

    /// What one evaluation found besides what stays in the evaluator's arrays (`taken`,
    /// `preference`, `records`, `offPathwayCounts`) until the next.
    struct CaseSummary {
        var caseId: Int32
        var group: Int32 = LogCase.missing
        var eventCount: Int
        var entryTime: Instant?
        var inCohort = false
        var deviations: [Deviation] = []
    }

    public init(_ compiled: CompiledPathway) {
        self.compiled = compiled
        let elements = compiled.rules.count
        let choices = compiled.choiceElements.count
        count = Array(repeating: 0, count: elements)
        first = Array(repeating: .max, count: elements)
        beyondMax = Array(repeating: .max, count: elements)
        documentedCode = Array(repeating: -1, count: elements)
        taken = Array(repeating: 0, count: choices)
        secondOptionTime = Array(repeating: .max, count: choices)
        preference = Array(repeating: false, count: choices)
    }

    /// The first time an element happened (for a choice, any of its options), if it did.
    public func firstTime(of element: Int) -> Instant? {
        first[element] == .max ? nil : Instant(microseconds: first[element])
    }

    /// How many of the case's events matched an element.
    public func matches(of element: Int) -> Int { Int(count[element]) }

    /// The anchor time of an element's window in the last evaluated case, if it has one.
    public func anchorTime(of element: Int, entry: Instant?) -> Instant? {
        let rule = compiled.rules[element]
        guard rule.hasWindow else { return nil }
        return rule.anchor < 0 ? entry : firstTime(of: rule.anchor)
    }

    public mutating func evaluate(_ logCase: LogCase) -> CaseOutcome {
        let summary = evaluateInPlace(logCase)
        return CaseOutcome(
            caseId: summary.caseId, inCohort: summary.inCohort, group: summary.group, entryTime: summary.entryTime,
            eventCount: summary.eventCount, deviations: summary.deviations, optionsTaken: taken,
            preferenceDocumented: preference, varianceRecords: records, offPathway: offPathwayCounts)
    }

    /// Evaluates a case, leaving the per-choice and per-activity parts in the evaluator's
    /// arrays, so that a caller packing outcomes (`CaseOutcomes.append(_:from:)`) copies them
    /// without a single allocation per case.
    mutating func evaluateInPlace(_ logCase: LogCase) -> CaseSummary {
        reset()
        let keyCount = logCase.keyCount
        var entryEvent = -1
        // Local copies, so that the loop reads plain arrays without touching reference counts.
        let roles = compiled.roles
        let rules = compiled.rules
        let choiceOrdinal = compiled.choiceOrdinal
        for (index, event) in logCase.events.enumerated() {
            let time = event.time.microseconds
            let activity = Int(event.activity)
            switch activity < roles.count ? roles[activity] : .offPathway {
            case .element(let element):
                count[element] += 1
                if count[element] == 1 { first[element] = time }
                let max = rules[element].max
                if max >= 0 && count[element] == max + 1 { beyondMax[element] = time }
            case .option(let element, let option):
                count[element] += 1
                if count[element] == 1 { first[element] = time }
                let choice = choiceOrdinal[element]
                let bit = UInt64(1) << UInt64(option)
                if taken[choice] & bit == 0 {
                    taken[choice] |= bit
                    if taken[choice].nonzeroBitCount == 2 { secondOptionTime[choice] = time }
                }
            case .entry:
                if entryEvent < 0 { entryEvent = index }
            case .preference(let element):
                preference[choiceOrdinal[element]] = true
            case .varianceRecord:
                noteVarianceRecord(logCase, event: index, keyCount: keyCount)
            case .ignored:
                break
            case .offPathway:
                offPathway[event.activity, default: 0] += 1
            }
        }
        if !offPathway.isEmpty {
            for (activity, events) in offPathway { offPathwayCounts.append((activity, events)) }
            offPathwayCounts.sort { $0.activity < $1.activity }
        }
        var outcome = CaseSummary(caseId: logCase.id, eventCount: logCase.events.count)
        if let key = compiled.groupKey {
            outcome.group = value(of: key, in: logCase, entryEvent: entryEvent)
        }
        guard entryEvent >= 0 else { return outcome }
        let entry = logCase.events[entryEvent].time
        outcome.entryTime = entry
        for (key, wanted) in compiled.includes where value(of: key, in: logCase, entryEvent: entryEvent) != wanted {
            return outcome
        }
        for (key, unwanted) in compiled.excludes where value(of: key, in: logCase, entryEvent: entryEvent) == unwanted {
            return outcome
        }
        outcome.inCohort = true
        outcome.deviations = deviations(entry: entry)
        return outcome
    }

    /// A cohort or group attribute: first on the first entry event, then on the case.
    private func value(of key: Int, in logCase: LogCase, entryEvent: Int) -> Int32 {
        if entryEvent >= 0 {
            let value = logCase.value(event: entryEvent, key: key)
            if value != LogCase.missing { return value }
        }
        return logCase.caseValues[key]
    }

    private mutating func noteVarianceRecord(_ logCase: LogCase, event: Int, keyCount: Int) {
        guard let stepKey = compiled.stepKey, let codeKey = compiled.codeKey else { return }
        let elementSymbol = logCase.value(event: event, key: stepKey)
        let codeSymbol = logCase.value(event: event, key: codeKey)
        let element = compiled.elementBySymbol[elementSymbol]
        let code = compiled.codeBySymbol[codeSymbol]
        let record = VarianceRecord(element: element, elementSymbol: elementSymbol, code: code, codeSymbol: codeSymbol)
        if !records.contains(record) { records.append(record) }
        // Events come in time order, so the first known code for an element is the earliest.
        // An unknown code is treated as no code at all.
        if let element, let code, documentedCode[element] < 0 { documentedCode[element] = Int32(code) }
    }

    private mutating func reset() {
        for index in count.indices {
            count[index] = 0
            first[index] = .max
            beyondMax[index] = .max
            documentedCode[index] = -1
        }
        for index in taken.indices {
            taken[index] = 0
            secondOptionTime[index] = .max
            preference[index] = false
        }
        offPathway.removeAll(keepingCapacity: true)
        offPathwayCounts.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
    }
}
