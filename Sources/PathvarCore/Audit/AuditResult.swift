/// Everything an audit found, in integer ids, ready to be written as reports.
public struct AuditResult: Sendable {
    public let compiled: CompiledPathway
    /// Resolves every id in the outcomes (case ids, groups, activities, attribute values).
    public let symbols: SymbolTable
    /// One per case in the log, sorted by case id (see `CaseOrder`).
    public let outcomes: CaseOutcomes
    /// Performed counts and delays per element, over cohort cases.
    public let timings: ElementTimings
    /// Every case counted, by integer ids. With `keepCases` off, `outcomes` is empty and
    /// this is all that is left of the cases: memory then stays bounded by a batch of cases,
    /// whatever the log's size.
    public let tally: AuditTally
    public let statistics: ReadStatistics
    /// Things the user should know (columns chosen, time zone assumed), for stderr.
    public var notes: [String]
    /// The zone report times are written in (`--timezone`).
    public let clock: ZonedClock

    public init(
        compiled: CompiledPathway, symbols: SymbolTable, outcomes: [CaseOutcome], timings: ElementTimings,
        statistics: ReadStatistics, notes: [String], clock: ZonedClock, tally: AuditTally? = nil
    ) {
        var packed = CaseOutcomes(choiceCount: compiled.choiceElements.count)
        for outcome in outcomes { packed.append(outcome) }
        self.init(
            compiled: compiled, symbols: symbols, outcomes: packed, timings: timings, statistics: statistics,
            notes: notes, clock: clock, tally: tally)
    }

    public init(
        compiled: CompiledPathway, symbols: SymbolTable, outcomes: CaseOutcomes, timings: ElementTimings,
        statistics: ReadStatistics, notes: [String], clock: ZonedClock, tally: AuditTally? = nil
    ) {
        self.tally = tally ?? AuditTally(outcomes, compiled: compiled, clock: clock)
        self.timings = timings
        self.compiled = compiled
        self.symbols = symbols
        self.outcomes = outcomes
        self.statistics = statistics
        self.notes = notes
        self.clock = clock
    }

    public var pathway: Pathway { compiled.pathway }

}

/// The order cases are listed in: by case id, comparing runs of digits as numbers, so that
/// `case 2` comes before `case 10` as a clinician expects; ties (`07` and `7`) fall back to
/// byte order, so the order is total and the same on every run.
public enum CaseOrder {
    public static func sorted(_ outcomes: [CaseOutcome], symbols: SymbolTable) -> [CaseOutcome] {
        order(outcomes.map(\.caseId), symbols: symbols).map { outcomes[$0] }
    }

    public static func sorted(_ outcomes: CaseOutcomes, symbols: SymbolTable) -> CaseOutcomes {
        outcomes.reordered(order(outcomes.indices.map { outcomes.caseId(at: $0) }, symbols: symbols))
    }

    /// Positions of `caseIds` in listing order; equal ids keep their order.
    private static func order(_ caseIds: [Int32], symbols: SymbolTable) -> [Int] {
        let keys = caseIds.map { symbols.withBytes($0) { Array($0) } }
        return caseIds.indices.sorted { a, b in
            let comparison = compare(keys[a], keys[b])
            return comparison != 0 ? comparison < 0 : a < b
        }
    }

    /// Natural comparison: -1, 0 or 1.
    public static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < left.count && j < right.count {
            let a = left[i]
            let b = right[j]
            if isDigit(a) && isDigit(b) {
                var endA = i
                while endA < left.count && isDigit(left[endA]) { endA += 1 }
                var endB = j
                while endB < right.count && isDigit(right[endB]) { endB += 1 }
                var startA = i
                while startA < endA - 1 && left[startA] == UInt8(ascii: "0") { startA += 1 }
                var startB = j
                while startB < endB - 1 && right[startB] == UInt8(ascii: "0") { startB += 1 }
                let lengthA = endA - startA
                let lengthB = endB - startB
                if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
                for offset in 0..<lengthA where left[startA + offset] != right[startB + offset] {
                    return left[startA + offset] < right[startB + offset] ? -1 : 1
                }
                i = endA
                j = endB
            } else {
                if a != b { return a < b ? -1 : 1 }
                i += 1
                j += 1
            }
        }
        if left.count - i != right.count - j { return left.count - i < right.count - j ? -1 : 1 }
        // Equal as numbers (leading zeros differ): decide by bytes.
        if left != right { return left.lexicographicallyPrecedes(right) ? -1 : 1 }
        return 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
