#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A care pathway as a clinical lead wrote it: the agreed way to care for one condition.
///
/// Immutable and checked: a `Pathway` exists only once the file passed the schema and the
/// checks a schema cannot make (see `PathwayChecker`). Every element keeps where it was
/// written, so that a deviation can always be traced back to the line that defines it.
public struct Pathway: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: String
    public var meta: PathwayMeta
    public var cohort: Cohort
    public var stages: [Stage]
    public var varianceCodes: VarianceCodes?
    /// Activities that belong to the process but are neither deviations nor off-pathway
    /// (routine labs, say).
    public var ignored: [IgnoredActivity]
    public var location: SourceLocation

    /// Every step, choice and avoid, in document order, with the stage that holds it.
    public var elements: [(stage: Stage, element: PathwayElement)] {
        stages.flatMap { stage in stage.elements.map { (stage, $0) } }
    }

    /// The element with this id, and its stage.
    public func element(id: String) -> (stage: Stage, element: PathwayElement)? {
        for stage in stages {
            if let element = stage.elements.first(where: { $0.id == id }) { return (stage, element) }
        }
        return nil
    }
}

/// Who owns the pathway, what evidence it rests on, and when it must be reviewed.
public struct PathwayMeta: Sendable, Hashable {
    public var owner: String?
    public var evidence: [Evidence]
    public var reviewBy: CalendarDate?
    public var reviewByLocation: SourceLocation?
}

/// A guideline or paper the pathway follows.
public struct Evidence: Sendable, Hashable {
    public var text: String
    public var href: String?
}

/// A day in the calendar, as written in `review-by`.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd`, checking that the day exists (no 30 February).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// Which cases the pathway applies to, and how they are grouped for comparison.
public struct Cohort: Sendable, Hashable {
    /// The attribute whose value names a case's unit (ward, team, site), or nil.
    public var groupBy: String?
    /// The activity that starts the pathway; its first occurrence is `t0`.
    public var entry: ActivityMatch
    public var entryLocation: SourceLocation
    public var includes: [AttributeCondition]
    public var excludes: [AttributeCondition]
}

/// A condition on an attribute of the case: `key` must (include) or must not (exclude) equal
/// `equals`, looked up on the first entry event, then on the case's own attributes.
public struct AttributeCondition: Sendable, Hashable {
    public var key: String
    public var equals: String
    public var location: SourceLocation
}

/// The activity labels that count as one element: its `activity` and its `alias`es,
/// compared exactly (no trimming, no case folding).
public struct ActivityMatch: Sendable, Hashable {
    public var activity: String
    public var aliases: [String]

    public var labels: [String] { [activity] + aliases }
}

/// The three ways care works, which decide how a departure is judged.
public enum CareMode: String, Sendable, Hashable, CaseIterable {
    /// One standard process is known to be best: departures are unwarranted unless documented.
    case repetitive
    /// A known set of options; the patient's preference decides which.
    case constrained
    /// Each patient is an experiment: nothing is classified, cases are listed for discussion.
    case unconstrained
}

/// Whether a stage's steps and choices must happen in document order.
public enum StageOrder: String, Sendable, Hashable {
    case sequence
    case any
}

/// How strongly an element is expected.
public enum Requirement: String, Sendable, Hashable {
    case must
    /// Expected, but a documented reason (a variance code that warrants) excuses its absence.
    case mustUnlessDocumented = "must-unless-documented"
    case could
}

/// How many of a choice's options a case should take.
public enum Selection: String, Sendable, Hashable {
    case exactlyOne = "exactly-one"
    case atMostOne = "at-most-one"
    case oneOrMore = "one-or-more"
    case any
}

/// A part of the pathway with one mode of care.
public struct Stage: Sendable, Hashable {
    public var id: String
    public var mode: CareMode
    public var order: StageOrder
    public var elements: [PathwayElement]
    public var location: SourceLocation
}

/// What a stage holds: steps to do, choices to make, and things to avoid.
public enum PathwayElement: Sendable, Hashable {
    case step(Step)
    case choice(Choice)
    case avoid(Avoid)

    public var id: String {
        switch self {
        case .step(let step): step.id
        case .choice(let choice): choice.id
        case .avoid(let avoid): avoid.id
        }
    }

    /// `step`, `choice` or `avoid`, as in the XML and the reports.
    public var kind: String {
        switch self {
        case .step: "step"
        case .choice: "choice"
        case .avoid: "avoid"
        }
    }

    public var location: SourceLocation {
        switch self {
        case .step(let step): step.location
        case .choice(let choice): choice.location
        case .avoid(let avoid): avoid.location
        }
    }

    public var window: Window? {
        switch self {
        case .step(let step): step.window
        case .choice(let choice): choice.window
        case .avoid: nil
        }
    }
}

/// Something that should be done, perhaps within a time window.
public struct Step: Sendable, Hashable {
    public var id: String
    public var match: ActivityMatch
    public var required: Requirement
    /// At most this many times; more is `repeated`.
    public var max: Int?
    public var window: Window?
    public var location: SourceLocation
}

/// A decision among known options.
public struct Choice: Sendable, Hashable {
    public var id: String
    public var select: Selection
    public var required: Requirement
    /// The activity that records the patient's preference (a shared decision), if one is expected.
    public var documentedBy: String?
    public var options: [ChoiceOption]
    public var window: Window?
    public var location: SourceLocation
}

/// One of a choice's options.
public struct ChoiceOption: Sendable, Hashable {
    public var id: String
    public var match: ActivityMatch
    public var location: SourceLocation
}

/// Something that should not happen (overuse), perhaps excused by a documented reason.
public struct Avoid: Sendable, Hashable {
    public var id: String
    public var match: ActivityMatch
    public var unlessDocumented: Bool
    public var location: SourceLocation
}

/// When an element should happen, measured from its anchor.
public struct Window: Sendable, Hashable {
    public var after: WindowAnchor
    public var min: ISODuration?
    public var max: ISODuration?
    public var location: SourceLocation
}

/// What a window is measured from: the case's first entry event, or another element's first event.
public enum WindowAnchor: Sendable, Hashable, CustomStringConvertible {
    case entry
    case element(String)

    public var description: String {
        switch self {
        case .entry: "entry"
        case .element(let id): id
        }
    }
}

/// How clinicians record why care departed from the pathway: an event whose activity is
/// `record`, with attributes naming the element (`stepKey`) and the reason (`codeKey`).
public struct VarianceCodes: Sendable, Hashable {
    public var record: String
    public var stepKey: String
    public var codeKey: String
    public var codes: [VarianceCode]
    public var location: SourceLocation

    public func code(id: String) -> VarianceCode? { codes.first { $0.id == id } }
}

/// The four causes of variance that integrated care pathways record.
public enum VarianceCategory: String, Sendable, Hashable, CaseIterable {
    case patient
    case staff
    case system
    case community
}

/// A documented reason for a departure, and whether it makes the departure warranted.
public struct VarianceCode: Sendable, Hashable {
    public var id: String
    public var category: VarianceCategory
    public var warrants: Bool
    public var description: String
    public var location: SourceLocation
}

/// An activity that is part of the process but not audited.
public struct IgnoredActivity: Sendable, Hashable {
    public var activity: String
    public var location: SourceLocation
}

extension CalendarDate {
    /// Today's date in UTC, by the system clock (review dates are whole days; a few hours'
    /// difference from local time does not matter for "has it passed").
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}
