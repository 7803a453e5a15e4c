extension AggregateReports {
    /// One row of `groups.csv`: a unit's rate of cases with unwarranted variation, against the
    /// funnel limits for its number of cases.
    public struct GroupRow: Sendable, Equatable {
        public var group: String
        public var cases: Int
        public var unwarrantedCases: Int
        public var rate: Double?
        public var limits: FunnelLimits.Standard?
        public var signal: FunnelSignal?
    }

    /// The overall rate all groups are compared with.
    public static func target(_ totals: AuditTotals) -> Double? {
        let cases = totals.groups.values.reduce(0) { $0 + $1.cases }
        let unwarranted = totals.groups.values.reduce(0) { $0 + $1.unwarrantedCases }
        return cases == 0 ? nil : Double(unwarranted) / Double(cases)
    }

    public static func groupRows(_ totals: AuditTotals) -> [GroupRow] {
        let target = target(totals)
        return sortedNames(totals.groups.keys).map { name in
            let group = totals.groups[name]!
            let rate = group.cases == 0 ? nil : Double(group.unwarrantedCases) / Double(group.cases)
            let limits = target.flatMap { FunnelLimits.standardLimits(target: $0, cases: group.cases) }
            let signal = rate.flatMap { rate in limits.map { FunnelSignal(rate: rate, limits: $0) } }
            return GroupRow(
                group: name, cases: group.cases, unwarrantedCases: group.unwarrantedCases, rate: rate, limits: limits,
                signal: signal)
        }
    }

    /// `groups.csv`: the funnel plot's data, one row per group.
    public static func groupsCSV(_ totals: AuditTotals, groupsFromInput: Bool) -> [UInt8] {
        var csv = CSVWriter(header: [
            "group", "cases", "unwarranted_cases", "rate", "target", "lower95", "upper95", "lower998", "upper998",
            "signal",
        ])
        let target = target(totals)
        for row in groupRows(totals) {
            csv.append(row.group, fromInput: groupsFromInput && !row.group.hasPrefix("("))
            csv.append(row.cases)
            csv.append(row.unwarrantedCases)
            csv.append(decimal(row.rate), fromInput: false)
            csv.append(decimal(target), fromInput: false)
            csv.append(decimal(row.limits?.inner95.lower), fromInput: false)
            csv.append(decimal(row.limits?.inner95.upper), fromInput: false)
            csv.append(decimal(row.limits?.outer998.lower), fromInput: false)
            csv.append(decimal(row.limits?.outer998.upper), fromInput: false)
            csv.append(row.signal?.rawValue ?? "", fromInput: false)
            csv.endRow()
        }
        return csv.bytes
    }

    /// Every month from the first to the last with cohort cases, months without cases included
    /// (with no rate), so that a gap in the data shows as a gap in the chart.
    public static func monthRows(_ totals: AuditTotals) -> [(month: String, totals: AuditTotals.GroupTotals)] {
        let keys = totals.months.keys.compactMap(YearMonth.init).sorted()
        guard let first = keys.first, let last = keys.last else { return [] }
        var rows: [(String, AuditTotals.GroupTotals)] = []
        var month = first
        while month <= last {
            rows.append((month.description, totals.months[month.description] ?? AuditTotals.GroupTotals()))
            month = month.next
        }
        return rows
    }

    public static func pChart(_ totals: AuditTotals) -> PChart {
        PChart(
            months: monthRows(totals).map { PChart.Month(cases: $0.totals.cases, events: $0.totals.unwarrantedCases) })
    }

    /// The run-chart rules, applied to the monthly rates around their median.
    public static func runChart(_ totals: AuditTotals) -> RunChartAnalysis {
        let rates = pChart(totals).points.compactMap(\.rate)
        return RunChartAnalysis(values: rates, centre: median(rates) ?? 0)
    }

    /// `monthly.csv`: a p-chart of the monthly rate of cases with unwarranted variation.
    public static func monthlyCSV(_ totals: AuditTotals) -> [UInt8] {
        var csv = CSVWriter(header: ["month", "cases", "unwarranted_cases", "rate", "centre", "lcl", "ucl", "signal"])
        let chart = pChart(totals)
        for (row, point) in zip(monthRows(totals), chart.points) {
            csv.append(row.month, fromInput: false)
            csv.append(point.cases)
            csv.append(point.events)
            csv.append(decimal(point.rate), fromInput: false)
            csv.append(decimal(chart.centre), fromInput: false)
            csv.append(decimal(point.limits?.lower), fromInput: false)
            csv.append(decimal(point.limits?.upper), fromInput: false)
            csv.append(point.signal?.rawValue ?? "", fromInput: false)
            csv.endRow()
        }
        return csv.bytes
    }

    /// `steps.csv`: each element's counts by kind and class, compliance and delays.
    public static func stepsCSV(_ totals: AuditTotals) -> [UInt8] {
        let kinds: [DeviationKind] = [
            .omitted, .late, .early, .outOfOrder, .repeated, .overuse, .noOption, .multipleOptions,
            .preferenceUndocumented,
        ]
        var csv = CSVWriter(
            header: ["stage", "element", "type", "mode", "required", "cohort", "performed"]
                + kinds.map { $0.rawValue.replacingAll("-", with: "_") }
                + ["warranted", "unwarranted", "unassessed", "compliance", "median_delay_minutes", "p90_delay_minutes"])
        for element in totals.elements {
            csv.row(
                [element.stage, element.id, element.type, element.mode, element.required]
                    + [totals.cohortCases, element.performed].map(String.init)
                    + kinds.map { String(element.kinds[$0.rawValue] ?? 0) }
                    + VariationClass.allCases.map { String(element.classes[$0.rawValue] ?? 0) }
                    + [
                        share(totals.cohortCases - element.casesWithUnwarranted, of: totals.cohortCases),
                        minutes(DelayStatistics.percentile(0.5, of: element.delays)),
                        minutes(DelayStatistics.percentile(0.9, of: element.delays)),
                    ])
        }
        return csv.bytes
    }

    /// The median of a few values (the monthly rates), halfway between the middle two when even.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Seconds as minutes with one decimal; empty when there is no value.
    public static func minutes(_ seconds: Double?) -> String {
        seconds.map { ReportNumber.fixed($0 / 60, places: 1) } ?? ""
    }

    /// A proportion with six decimals (enough to compare with the funnel limits); empty for none.
    public static func decimal(_ value: Double?) -> String {
        value.map { ReportNumber.fixed($0, places: 6) } ?? ""
    }
}

/// A calendar month, `yyyy-MM`, for the monthly chart.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            return nil
        }
        self.year = year
        self.month = month
    }

    public var next: YearMonth {
        var copy = self
        copy.month += 1
        if copy.month > 12 {
            copy.month = 1
            copy.year += 1
        }
        return copy
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var description: String {
        let yearText = String(year)
        let monthText = String(month)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-"
            + (month < 10 ? "0" : "") + monthText
    }
}
