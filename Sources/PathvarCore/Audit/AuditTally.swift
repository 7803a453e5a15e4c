/// The counts of an audit while it runs, keyed by the run's integer ids.
///
/// `AuditTotals` is keyed by names, so that totals from several hospitals merge; building it
/// case by case meant hashing strings (a group label, a month label, every off-pathway
/// activity) for every case, on one thread, while the other cores waited. A tally counts the
/// same things by symbol, element and option index instead, is kept per evaluator thread and
/// added up by plain sums (so the result is the same whichever thread saw which case), and is
/// named once, at the end (`AuditTotals.add(_:compiled:symbols:groupName:)`).
public struct AuditTally: Sendable, Equatable {
    public var cases = 0
    public var events = 0
    public var cohortCases = 0
    public var casesWithoutEntry = 0
    public var casesExcluded = 0
    public var conformantCases = 0
    /// Deviations per class (`VariationClass.allCases` order).
    var classes: [Int]
    /// Deviations with a documented code, per category (`VarianceCategory.allCases` order).
    var categories: [Int]
    /// Per element: deviations per kind (`DeviationKind.allCases` order) and per class.
    var elementKinds: [[Int]]
    var elementClasses: [[Int]]
    var elementCasesWithUnwarranted: [Int]
    /// Every group symbol of every case, in the cohort or not (blinding numbers them all).
    public internal(set) var groupsSeen: Set<Int32> = []
    /// Cohort cases per group symbol (`LogCase.missing` for none).
    var groups: [Int32: AuditTotals.GroupTotals] = [:]
    var months: [Month: AuditTotals.GroupTotals] = [:]
    var variance: [VarianceRecord: Int] = [:]
    var offPathway: [Int32: AuditTotals.ActivityTotals] = [:]
    var choices: [ChoiceTally]

    struct Month: Hashable {
        var year: Int
        var month: Int
    }

    struct ChoiceTally: Equatable {
        var casesChoosing: [Int32: Int] = [:]
        /// Per option index within the choice, per group symbol.
        var taken: [[Int32: Int]]
        var documented: [[Int32: Int]]
    }

    public init(compiled: CompiledPathway) {
        let elementCount = compiled.elements.count
        classes = Array(repeating: 0, count: VariationClass.allCases.count)
        categories = Array(repeating: 0, count: VarianceCategory.allCases.count)
        elementKinds = Array(repeating: Array(repeating: 0, count: DeviationKind.allCases.count), count: elementCount)
        elementClasses = Array(
            repeating: Array(repeating: 0, count: VariationClass.allCases.count), count: elementCount)
        elementCasesWithUnwarranted = Array(repeating: 0, count: elementCount)
        choices = compiled.choiceElements.map { index in
            let options = compiled.elements[index].options.count
            return ChoiceTally(
                taken: Array(repeating: [:], count: options), documented: Array(repeating: [:], count: options))
        }
    }

    /// The tally of `outcomes`, counted in order on this thread.
    public init(_ outcomes: some Sequence<CaseOutcome>, compiled: CompiledPathway, clock: ZonedClock) {
        self.init(compiled: compiled)
        for outcome in outcomes { add(outcome, compiled: compiled, clock: clock) }
    }

    /// The tally of packed outcomes, read in place.
    public init(_ outcomes: CaseOutcomes, compiled: CompiledPathway, clock: ZonedClock) {
        self.init(compiled: compiled)
        for position in outcomes.indices { add(outcomes.view(at: position), compiled: compiled, clock: clock) }
    }

    /// Counts one case.
    public mutating func add(_ outcome: CaseOutcome, compiled: CompiledPathway, clock: ZonedClock) {
        var packed = CaseOutcomes(choiceCount: outcome.optionsTaken.count)
        packed.append(outcome)
        add(packed.view(at: 0), compiled: compiled, clock: clock)
    }

    /// Counts one case, read in place from packed outcomes.
    public mutating func add(_ outcome: CaseOutcomes.View, compiled: CompiledPathway, clock: ZonedClock) {
        cases += 1
        events += outcome.eventCount
        groupsSeen.insert(outcome.group)
        for entry in outcome.offPathway {
            offPathway[entry.activity, default: AuditTotals.ActivityTotals()].events += Int(entry.events)
            offPathway[entry.activity, default: AuditTotals.ActivityTotals()].cases += 1
        }
        for record in outcome.varianceRecords { variance[record, default: 0] += 1 }
        guard outcome.inCohort else {
            if outcome.entryTime == nil { casesWithoutEntry += 1 } else { casesExcluded += 1 }
            return
        }
        cohortCases += 1
        let unwarranted = !outcome.isConformant
        if !unwarranted { conformantCases += 1 }
        groups[outcome.group, default: AuditTotals.GroupTotals()].count(unwarranted: unwarranted)
        if let entry = outcome.entryTime {
            let date = clock.localDate(entry)
            months[Month(year: date.year, month: date.month), default: AuditTotals.GroupTotals()]
                .count(unwarranted: unwarranted)
        }
        var lastFlagged = -1
        for deviation in outcome.deviations {
            let classIndex = deviation.variationClass.index
            classes[classIndex] += 1
            elementKinds[deviation.element][deviation.kind.index] += 1
            elementClasses[deviation.element][classIndex] += 1
            // Deviations are sorted by element, so one check per element counts each case once.
            if deviation.variationClass == .unwarranted && deviation.element != lastFlagged {
                elementCasesWithUnwarranted[deviation.element] += 1
                lastFlagged = deviation.element
            }
            if case .documented(let code) = deviation.reason {
                categories[compiled.codes[code].category.index] += 1
            }
        }
        for ordinal in choices.indices {
            var mask = outcome.optionsTaken[outcome.optionsTaken.startIndex + ordinal]
            guard mask != 0 else { continue }
            choices[ordinal].casesChoosing[outcome.group, default: 0] += 1
            let documented = outcome.preferenceDocumented[outcome.preferenceDocumented.startIndex + ordinal]
            while mask != 0 {
                let option = mask.trailingZeroBitCount
                mask &= mask - 1
                choices[ordinal].taken[option][outcome.group, default: 0] += 1
                if documented { choices[ordinal].documented[option][outcome.group, default: 0] += 1 }
            }
        }
    }

    /// Adds another tally of the same pathway (another thread's batch).
    public mutating func add(_ other: AuditTally) {
        cases += other.cases
        events += other.events
        cohortCases += other.cohortCases
        casesWithoutEntry += other.casesWithoutEntry
        casesExcluded += other.casesExcluded
        conformantCases += other.conformantCases
        Self.addElementwise(&classes, other.classes)
        Self.addElementwise(&categories, other.categories)
        for index in elementKinds.indices {
            Self.addElementwise(&elementKinds[index], other.elementKinds[index])
            Self.addElementwise(&elementClasses[index], other.elementClasses[index])
        }
        Self.addElementwise(&elementCasesWithUnwarranted, other.elementCasesWithUnwarranted)
        groupsSeen.formUnion(other.groupsSeen)
        groups.merge(other.groups, uniquingKeysWith: +)
        months.merge(other.months, uniquingKeysWith: +)
        variance.merge(other.variance, uniquingKeysWith: +)
        offPathway.merge(other.offPathway, uniquingKeysWith: +)
        for ordinal in choices.indices {
            choices[ordinal].casesChoosing.merge(other.choices[ordinal].casesChoosing, uniquingKeysWith: +)
            for option in choices[ordinal].taken.indices {
                choices[ordinal].taken[option].merge(other.choices[ordinal].taken[option], uniquingKeysWith: +)
                choices[ordinal].documented[option].merge(
                    other.choices[ordinal].documented[option], uniquingKeysWith: +)
            }
        }
    }

    private static func addElementwise(_ target: inout [Int], _ other: [Int]) {
        for index in target.indices { target[index] += other[index] }
    }
}

extension AuditTotals.GroupTotals {
    mutating func count(unwarranted: Bool) {
        cases += 1
        if unwarranted { unwarrantedCases += 1 }
    }
}

extension VariationClass {
    /// Position in `allCases`, for counting in arrays.
    var index: Int {
        switch self {
        case .warranted: 0
        case .unwarranted: 1
        case .unassessed: 2
        }
    }
}

extension VarianceCategory {
    /// Position in `allCases`, for counting in arrays.
    var index: Int {
        switch self {
        case .patient: 0
        case .staff: 1
        case .system: 2
        case .community: 3
        }
    }
}
