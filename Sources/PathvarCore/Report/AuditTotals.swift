/// Every aggregate the reports show, as plain counts keyed by names (never by a run's
/// internal ids), so that totals from several shards or hospitals merge exactly by adding.
///
/// The aggregate reports (`steps.csv`, `groups.csv`, `choices.csv`, `variance.csv`,
/// `monthly.csv`, `offpathway.csv`) are rendered from these totals alone: a merged audit and
/// a single run over the same cases give the same bytes.
public struct AuditTotals: Sendable, Codable, Equatable {
    public var pathwayId: String
    public var pathwayVersion: String
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    /// Earliest and latest event (µs since 1970), for the report's data period.
    public var earliestEvent: Int64?
    public var latestEvent: Int64?
    public var cases = 0
    public var cohortCases = 0
    /// Not in the cohort because the case has no entry event.
    public var casesWithoutEntry = 0
    /// Not in the cohort because an include or exclude condition ruled it out.
    public var casesExcluded = 0
    public var conformantCases = 0
    public var events = 0
    /// Deviations per class name (`warranted`, `unwarranted`, `unassessed`).
    public var deviations: [String: Int] = [:]
    /// Deviations with a documented code, per code category.
    public var categories: [String: Int] = [:]
    public var elements: [ElementTotals]
    public var groups: [String: GroupTotals] = [:]
    /// Per month of entry (`yyyy-MM` in the report's time zone).
    public var months: [String: GroupTotals] = [:]
    public var choices: [ChoiceTotals]
    /// Cases per element id and documented code (`variance.csv`); unknown elements and codes
    /// keep the text the log had.
    public var variance: [String: [String: Int]] = [:]
    public var offPathway: [String: ActivityTotals] = [:]

    public struct ElementTotals: Sendable, Codable, Equatable {
        public var id: String
        public var stage: String
        public var type: String
        public var mode: String
        public var required: String
        public var performed = 0
        /// Deviations per kind name.
        public var kinds: [String: Int] = [:]
        /// Deviations per class name.
        public var classes: [String: Int] = [:]
        /// Cohort cases with at least one unwarranted deviation on this element.
        public var casesWithUnwarranted = 0
        /// Delay from the window's anchor in whole seconds → cases.
        public var delays: [Int64: Int] = [:]
    }

    public struct GroupTotals: Sendable, Codable, Equatable {
        /// Cohort cases.
        public var cases = 0
        /// Cohort cases with at least one unwarranted deviation.
        public var unwarrantedCases = 0
    }

    public struct ChoiceTotals: Sendable, Codable, Equatable {
        public var id: String
        public var options: [String]
        public var hasDocumentation: Bool
        /// Per group: cohort cases that took at least one option.
        public var casesChoosing: [String: Int] = [:]
        /// Per option, per group: cohort cases that took it, and of those, with the preference documented.
        public var taken: [String: [String: Int]] = [:]
        public var documented: [String: [String: Int]] = [:]
    }

    public struct ActivityTotals: Sendable, Codable, Equatable {
        public var events = 0
        public var cases = 0
    }
}
