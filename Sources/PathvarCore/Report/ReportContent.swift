/// What the text and HTML reports say, as plain data: both render this one model, so the
/// two always tell the same story, and a merged multi-site audit fills it the same way.
public struct ReportContent: Sendable {
    public struct Evidence: Sendable {
        public var text: String
        public var href: String?
    }

    /// One element's line in the repetitive-care table.
    public struct ElementLine: Sendable {
        public var stage: String
        public var element: String
        public var type: String
        public var required: String
        public var cohort: Int
        public var performed: Int
        /// Cohort cases with an unwarranted deviation on this element.
        public var unwarrantedCases: Int
        public var compliance: Double?
        public var medianDelayMinutes: Double?
        public var p90DelayMinutes: Double?
        /// The kinds of deviation seen, most frequent first: `late 120, omitted 4`.
        public var kinds: [(kind: String, count: Int)]
    }

    public struct OptionShare: Sendable {
        public var option: String
        public var cases: Int
        public var share: Double?
        /// Share of these cases whose preference was documented (nil: the choice asks for none).
        public var documented: Double?
    }

    public struct ChoiceSummary: Sendable {
        public var choice: String
        public var stage: String
        public var casesChoosing: Int
        public var overall: [OptionShare]
        public var byGroup: [(group: String, casesChoosing: Int, options: [OptionShare])]
        public var documentationRate: Double?
    }

    public struct ReviewCase: Sendable {
        public var caseId: String
        public var group: String
        public var entry: String
        public var deviations: [String]
    }

    public struct MonthPoint: Sendable {
        public var month: String
        public var cases: Int
        public var unwarrantedCases: Int
        public var rate: Double?
        public var lower: Double?
        public var upper: Double?
        public var signal: String?
    }

    public var title: String
    public var pathwayId: String
    public var version: String
    public var owner: String?
    public var evidence: [Evidence]
    public var reviewBy: String?
    public var reviewPassed: Bool
    public var logName: String
    public var periodStart: String?
    public var periodEnd: String?
    public var timeZone: String
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var cases: Int
    public var cohortCases: Int
    public var casesWithoutEntry: Int
    public var casesExcluded: Int
    /// `ER Registration; InfectionSuspected = true; not Diagnose = XX`.
    public var cohortRule: String
    public var groupBy: String?
    public var blinded: Bool
    public var conformantCases: Int
    public var unwarranted: Int
    public var warranted: Int
    public var unassessed: Int
    public var hasRepetitive: Bool
    public var hasConstrained: Bool
    public var hasUnconstrained: Bool
    /// Repetitive-mode elements, lowest compliance first.
    public var elements: [ElementLine]
    public var target: Double?
    public var groups: [AggregateReports.GroupRow]
    public var choices: [ChoiceSummary]
    /// Cases with unassessed (unconstrained-care) deviations, for discussion; nil when the
    /// report was made from merged totals without case rows.
    public var reviewCases: [ReviewCase]?
    public var reviewCasesTotal: Int
    public var months: [MonthPoint]
    public var monthlyCentre: Double?
    public var runChart: RunChartAnalysis
    /// Deviations with a documented code, per category, in the fixed order patient, staff,
    /// system, community.
    public var categories: [(category: String, deviations: Int)]
    /// Whether the pathway lists variance codes at all.
    public var hasVarianceCodes: Bool
    public var offPathway: [(activity: String, events: Int, cases: Int)]
    public var offPathwayTotal: Int

    /// The last section of both reports: what the three classes mean, that the report
    /// describes a process and not a person, and how far to trust a funnel plot.
    public static let howToRead =
        "Warranted variation follows the patient: a choice among known options that the patient's "
        + "preference decides, or a departure with a documented reason that the pathway accepts. "
        + "Unwarranted variation is a standard process not followed without such a reason. It "
        + "describes the care process, not a person: use it to ask what in the system made the "
        + "departure likely. Unassessed variation belongs to care that is planned for each patient "
        + "and is listed for discussion only. Funnel limits show how much a unit's rate can vary "
        + "by chance alone for its number of cases; a unit outside the 99.8% limits is worth a "
        + "closer look, not a verdict. With only a handful of cases a unit falls outside the "
        + "limits by chance more often than they suggest, so look at the number of cases first."

    /// Per 100 cohort cases.
    public func per100(_ count: Int) -> Double? {
        cohortCases == 0 ? nil : Double(count) * 100 / Double(cohortCases)
    }

    public var conformantShare: Double? {
        cohortCases == 0 ? nil : Double(conformantCases) / Double(cohortCases)
    }
}
