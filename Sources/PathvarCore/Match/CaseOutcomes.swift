/// Every case's outcome, packed into a few flat arrays.
///
/// A full audit keeps every case until `cases.csv` and `deviations.csv` are written, sorted
/// by case id. As an array of `CaseOutcome` that cost about 430 bytes a case (five small
/// arrays each, with their headers and allocator overhead): 61 MB for 143 thousand cases.
/// Here a case is one fixed-size record plus its slices of shared pools (deviations, options
/// taken, variance records, off-pathway activities), about 100 bytes a case, and sorting
/// only writes a permutation. The case writers and the tallies read a position through
/// `view(at:)` (slices of the pools, nothing copied); the subscript rebuilds a whole
/// `CaseOutcome` for callers that want the plain value.
public struct CaseOutcomes: RandomAccessCollection, Sendable {
    /// One case; `*Start` are offsets into the pools, each slice ending where the next
    /// record's begins.
    struct Record: Sendable {
        var caseId: Int32
        var group: Int32
        var eventCount: Int32
        var inCohort: Bool
        var hasEntry: Bool
        var entry: Int64
        var deviationStart: Int32
        var varianceStart: Int32
        var offPathwayStart: Int32
    }

    struct OffPathway: Sendable {
        var activity: Int32
        var events: Int32
    }

    /// Choices in the pathway: every case has this many option masks and preference flags.
    let choiceCount: Int
    private var records: [Record] = []
    private var deviations: [Deviation] = []
    private var optionsTaken: [UInt64] = []
    private var preferenceDocumented: [Bool] = []
    private var varianceRecords: [VarianceRecord] = []
    private var offPathway: [OffPathway] = []
    /// The order positions list records in; nil for the order they were added.
    private var order: [Int32]?

    public init(choiceCount: Int) { self.choiceCount = choiceCount }

    /// Packs outcomes of one pathway (each with the same number of choices).
    public init(_ outcomes: some Collection<CaseOutcome>) {
        self.init(choiceCount: outcomes.first?.optionsTaken.count ?? 0)
        records.reserveCapacity(outcomes.count)
        for outcome in outcomes { append(outcome) }
    }

    public mutating func append(_ outcome: CaseOutcome) {
        precondition(outcome.preferenceDocumented.count == choiceCount)
        appendCase(
            caseId: outcome.caseId, group: outcome.group, eventCount: outcome.eventCount,
            inCohort: outcome.inCohort, entryTime: outcome.entryTime, deviations: outcome.deviations,
            optionsTaken: outcome.optionsTaken, preferenceDocumented: outcome.preferenceDocumented,
            varianceRecords: outcome.varianceRecords, offPathway: outcome.offPathway)
    }

    /// Appends the case `evaluator` has just evaluated, copying its arrays into the pools:
    /// no allocation once the pools have grown.
    mutating func append(_ summary: CaseEvaluator.CaseSummary, from evaluator: borrowing CaseEvaluator) {
        appendCase(
            caseId: summary.caseId, group: summary.group, eventCount: summary.eventCount,
            inCohort: summary.inCohort, entryTime: summary.entryTime, deviations: summary.deviations,
            optionsTaken: evaluator.taken, preferenceDocumented: evaluator.preference,
            varianceRecords: evaluator.records, offPathway: evaluator.offPathwayCounts)
    }

    private mutating func appendCase(
        caseId: Int32, group: Int32, eventCount: Int, inCohort: Bool, entryTime: Instant?,
        deviations newDeviations: [Deviation], optionsTaken taken: [UInt64],
        preferenceDocumented documented: [Bool], varianceRecords newRecords: [VarianceRecord],
        offPathway newOffPathway: [(activity: Int32, events: Int32)]
    ) {
        precondition(taken.count == choiceCount, "every case has one entry per choice")
        precondition(order == nil, "cases are added before they are sorted")
        records.append(
            Record(
                caseId: caseId, group: group, eventCount: Int32(clamping: eventCount), inCohort: inCohort,
                hasEntry: entryTime != nil, entry: entryTime?.microseconds ?? 0,
                deviationStart: Int32(deviations.count), varianceStart: Int32(varianceRecords.count),
                offPathwayStart: Int32(offPathway.count)))
        deviations.append(contentsOf: newDeviations)
        optionsTaken.append(contentsOf: taken)
        preferenceDocumented.append(contentsOf: documented)
        varianceRecords.append(contentsOf: newRecords)
        for (activity, events) in newOffPathway {
            offPathway.append(OffPathway(activity: activity, events: events))
        }
    }

    /// Empties the store, keeping its pools' capacity (a worker's scratch for one batch).
    mutating func removeAll() {
        precondition(order == nil)
        records.removeAll(keepingCapacity: true)
        deviations.removeAll(keepingCapacity: true)
        optionsTaken.removeAll(keepingCapacity: true)
        preferenceDocumented.removeAll(keepingCapacity: true)
        varianceRecords.removeAll(keepingCapacity: true)
        offPathway.removeAll(keepingCapacity: true)
    }

    /// Adds another batch's cases after these, copying its records and pools over (offsets
    /// shifted); `other`'s storage is freed when it goes out of scope.
    public mutating func append(contentsOf other: consuming CaseOutcomes) {
        precondition(other.choiceCount == choiceCount && order == nil && other.order == nil)
        let deviationShift = Int32(deviations.count)
        let varianceShift = Int32(varianceRecords.count)
        let offPathwayShift = Int32(offPathway.count)
        records.reserveCapacity(records.count + other.records.count)
        for var record in other.records {
            record.deviationStart += deviationShift
            record.varianceStart += varianceShift
            record.offPathwayStart += offPathwayShift
            records.append(record)
        }
        deviations.append(contentsOf: other.deviations)
        optionsTaken.append(contentsOf: other.optionsTaken)
        preferenceDocumented.append(contentsOf: other.preferenceDocumented)
        varianceRecords.append(contentsOf: other.varianceRecords)
        offPathway.append(contentsOf: other.offPathway)
    }

    public mutating func reserveCapacity(_ cases: Int) { records.reserveCapacity(cases) }

    /// Makes room for all of `batches` at once, so that joining them grows no pool by
    /// reallocation (which would briefly hold a pool twice).
    mutating func reserveCapacity(toJoin batches: some Collection<CaseOutcomes>) {
        records.reserveCapacity(records.count + batches.reduce(0) { $0 + $1.records.count })
        deviations.reserveCapacity(deviations.count + batches.reduce(0) { $0 + $1.deviations.count })
        optionsTaken.reserveCapacity(optionsTaken.count + batches.reduce(0) { $0 + $1.optionsTaken.count })
        preferenceDocumented.reserveCapacity(
            preferenceDocumented.count + batches.reduce(0) { $0 + $1.preferenceDocumented.count })
        varianceRecords.reserveCapacity(varianceRecords.count + batches.reduce(0) { $0 + $1.varianceRecords.count })
        offPathway.reserveCapacity(offPathway.count + batches.reduce(0) { $0 + $1.offPathway.count })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }

    public subscript(position: Int) -> CaseOutcome {
        let view = view(at: position)
        return CaseOutcome(
            caseId: view.caseId, inCohort: view.inCohort, group: view.group, entryTime: view.entryTime,
            eventCount: view.eventCount, deviations: Array(view.deviations), optionsTaken: Array(view.optionsTaken),
            preferenceDocumented: Array(view.preferenceDocumented), varianceRecords: Array(view.varianceRecords),
            offPathway: view.offPathway.map { ($0.activity, $0.events) })
    }

    /// The case at `position`, read in place: no arrays are built, every part is a slice of
    /// its pool. What the case files and the tally read.
    public func view(at position: Int) -> View {
        let index = recordIndex(position)
        let record = records[index]
        let next = index + 1 < records.count ? records[index + 1] : nil
        let choices = (index * choiceCount)..<((index + 1) * choiceCount)
        let deviationEnd = next.map { Int($0.deviationStart) } ?? deviations.count
        return View(
            record: record, deviations: deviations[Int(record.deviationStart)..<deviationEnd],
            optionsTaken: optionsTaken[choices], preferenceDocumented: preferenceDocumented[choices],
            varianceRecords: varianceRecords[
                Int(record.varianceStart)..<(next.map { Int($0.varianceStart) } ?? varianceRecords.count)],
            offPathway: offPathway[
                Int(record.offPathwayStart)..<(next.map { Int($0.offPathwayStart) } ?? offPathway.count)])
    }

    public struct View {
        let record: Record
        public let deviations: ArraySlice<Deviation>
        public let optionsTaken: ArraySlice<UInt64>
        public let preferenceDocumented: ArraySlice<Bool>
        public let varianceRecords: ArraySlice<VarianceRecord>
        let offPathway: ArraySlice<OffPathway>

        public var caseId: Int32 { record.caseId }
        public var inCohort: Bool { record.inCohort }
        public var group: Int32 { record.group }
        public var entryTime: Instant? { record.hasEntry ? Instant(microseconds: record.entry) : nil }
        public var eventCount: Int { Int(record.eventCount) }

        public func count(_ variationClass: VariationClass) -> Int {
            deviations.reduce(0) { $0 + ($1.variationClass == variationClass ? 1 : 0) }
        }

        public var isConformant: Bool { !deviations.contains { $0.variationClass == .unwarranted } }
    }

    /// The case id at `position`, without rebuilding the outcome.
    public func caseId(at position: Int) -> Int32 { records[recordIndex(position)].caseId }

    /// The group symbol at `position`, without rebuilding the outcome.
    public func group(at position: Int) -> Int32 { records[recordIndex(position)].group }

    private func recordIndex(_ position: Int) -> Int { order.map { Int($0[position]) } ?? position }

    /// The same cases listed in `order` (positions of the current listing).
    func reordered(_ newOrder: [Int]) -> CaseOutcomes {
        precondition(newOrder.count == count)
        var copy = self
        copy.order = newOrder.map { Int32(recordIndex($0)) }
        return copy
    }
}
