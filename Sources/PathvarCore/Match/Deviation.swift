/// The ways care can depart from a pathway element.
///
/// Declaration order is the order deviations of one element are listed in.
public enum DeviationKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A required step, or a choice's option, never happened.
    case omitted
    /// A choice was required and no option was taken.
    case noOption = "no-option"
    /// More options taken than the choice allows.
    case multipleOptions = "multiple-options"
    /// A step happened more often than its `max`.
    case repeated
    /// Later than its window allows.
    case late
    /// Earlier than its window allows.
    case early
    /// Before the element that precedes it in a sequence stage.
    case outOfOrder = "out-of-order"
    /// An option was taken but the patient's preference was not documented.
    case preferenceUndocumented = "preference-undocumented"
    /// Something to avoid happened.
    case overuse

    /// Position in declaration order (`allCases`), for sorting and for counting in arrays;
    /// a switch, because `allCases` builds a new array on every call.
    var index: Int {
        switch self {
        case .omitted: 0
        case .noOption: 1
        case .multipleOptions: 2
        case .repeated: 3
        case .late: 4
        case .early: 5
        case .outOfOrder: 6
        case .preferenceUndocumented: 7
        case .overuse: 8
        }
    }

    public static func < (lhs: DeviationKind, rhs: DeviationKind) -> Bool { lhs.index < rhs.index }
}

/// Whether a departure was warranted: the heart of the audit.
public enum VariationClass: String, Sendable, Hashable, CaseIterable {
    /// Justified: the patient's preference within a known set, or a documented reason.
    case warranted
    /// A standard process not followed, without a reason that warrants it.
    case unwarranted
    /// Unconstrained care: listed for discussion, not judged.
    case unassessed
}

/// Why a deviation got its class.
public enum ClassReason: Sendable, Hashable, CustomStringConvertible {
    case unconstrainedMode
    case constrainedMode
    /// A variance code was documented for the element (index into the pathway's codes).
    case documented(code: Int)
    case undocumented

    public func text(codes: [VarianceCode]) -> String {
        switch self {
        case .unconstrainedMode: "unconstrained-mode"
        case .constrainedMode: "constrained-mode"
        case .documented(let code): "documented:\(codes[code].id)"
        case .undocumented: "undocumented"
        }
    }

    public var description: String {
        switch self {
        case .unconstrainedMode: "unconstrained-mode"
        case .constrainedMode: "constrained-mode"
        case .documented(let code): "documented:#\(code)"
        case .undocumented: "undocumented"
        }
    }
}

/// One departure of one case from one element, with its class.
public struct Deviation: Sendable, Hashable {
    /// Index of the element in `CompiledPathway.elements`.
    public var element: Int
    public var kind: DeviationKind
    public var variationClass: VariationClass
    public var reason: ClassReason
    /// What was observed, in the element's terms (see `DeviationDetail`).
    public var detail: DeviationDetail
    /// When it happened: the event that departed; nil for something that did not happen.
    public var time: Instant?

    public init(
        element: Int, kind: DeviationKind, variationClass: VariationClass = .unassessed,
        reason: ClassReason = .undocumented, detail: DeviationDetail, time: Instant?
    ) {
        self.element = element
        self.kind = kind
        self.variationClass = variationClass
        self.reason = reason
        self.detail = detail
        self.time = time
    }
}

/// The numbers behind a deviation, from which the report's `expected`/`observed` text is made.
public enum DeviationDetail: Sendable, Hashable {
    case count(Int)
    /// Delay from the window's anchor, in microseconds (negative: before the anchor).
    case delay(Int64)
    /// Out of order: how long before the previous element's first event, and which element.
    case before(element: Int, by: Int64)
    /// The options taken (indices within the choice).
    case options([Int])
    case nothing
}
