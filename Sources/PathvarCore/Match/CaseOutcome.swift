/// Everything the audit concluded about one case, in integer ids: small enough to keep for
/// every case of a large log until the reports are written in case order.
public struct CaseOutcome: Sendable {
    public var caseId: Int32
    public var inCohort: Bool
    /// The group's symbol id, or `LogCase.missing` for `(unknown)`.
    public var group: Int32
    /// `t0`: the first entry event, if the case has one.
    public var entryTime: Instant?
    public var eventCount: Int
    /// Sorted by element (document order), then kind.
    public var deviations: [Deviation]
    /// For each choice (in `CompiledPathway.choiceElements` order), a bit per option taken.
    public var optionsTaken: [UInt64]
    /// For each choice, whether its `documented-by` activity occurred.
    public var preferenceDocumented: [Bool]
    /// Distinct variance codes documented in the case (element and code as the log wrote them).
    public var varianceRecords: [VarianceRecord]
    /// Off-pathway activities and how many events of each.
    public var offPathway: [(activity: Int32, events: Int32)]

    public func count(_ variationClass: VariationClass) -> Int {
        deviations.reduce(0) { $0 + ($1.variationClass == variationClass ? 1 : 0) }
    }

    /// A case is conformant when none of its deviations is unwarranted.
    public var isConformant: Bool { !deviations.contains { $0.variationClass == .unwarranted } }
}

/// A variance code documented in a case, resolved against the pathway where possible.
public struct VarianceRecord: Sendable, Hashable {
    /// The element the record names, or nil when no element has that id.
    public var element: Int?
    public var elementSymbol: Int32
    /// The code, or nil when the pathway lists no such code (reported, treated as no code).
    public var code: Int?
    public var codeSymbol: Int32
}
