/// `cases.csv` and `deviations.csv`: one row per case and one row per deviation, for the
/// analyst who loads them into other tools and for the lead who asks "why this patient?".
public enum CaseReports {
    public static func casesCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        let compiled = result.compiled
        let choices = compiled.choiceElements.map { "choice:\(compiled.elements[$0].id)" }
        var csv = CSVWriter(
            header: [
                "case_id", "in_cohort", "group", "entry_time", "events", "deviations", "unwarranted", "warranted",
                "unassessed", "conformant",
            ] + choices)
        for outcome in result.outcomes {
            csv.append(labels.caseId(outcome.caseId), fromInput: !labels.pseudonymisesCases)
            csv.append(outcome.inCohort ? "true" : "false", fromInput: false)
            let group = labels.group(outcome)
            csv.append(group.text, fromInput: group.fromInput)
            csv.append(outcome.entryTime.map { result.clock.iso8601($0) } ?? "", fromInput: false)
            csv.append(outcome.eventCount)
            csv.append(outcome.deviations.count)
            csv.append(outcome.count(.unwarranted))
            csv.append(outcome.count(.warranted))
            csv.append(outcome.count(.unassessed))
            csv.append(outcome.isConformant ? "true" : "false", fromInput: false)
            for (ordinal, element) in compiled.choiceElements.enumerated() {
                let options = compiled.elements[element].options
                var mask = outcome.optionsTaken[ordinal]
                var taken: [String] = []
                while mask != 0 {
                    taken.append(options[mask.trailingZeroBitCount])
                    mask &= mask - 1
                }
                csv.append(taken.joined(separator: "|"), fromInput: false)
            }
            csv.endRow()
        }
        return csv.bytes
    }

    public static func deviationsCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        let compiled = result.compiled
        let text = DeviationText(compiled)
        var csv = CSVWriter(
            header: [
                "case_id", "group", "stage", "element", "mode", "kind", "class", "reason", "category", "expected",
                "observed", "time",
            ])
        for outcome in result.outcomes where !outcome.deviations.isEmpty {
            let caseId = labels.caseId(outcome.caseId)
            let (group, groupFromInput) = labels.group(outcome)
            for deviation in outcome.deviations {
                let element = compiled.elements[deviation.element]
                csv.append(caseId, fromInput: !labels.pseudonymisesCases)
                csv.append(group, fromInput: groupFromInput)
                csv.append(compiled.stages[element.stage].id, fromInput: false)
                csv.append(element.id, fromInput: false)
                csv.append(element.mode.rawValue, fromInput: false)
                csv.append(deviation.kind.rawValue, fromInput: false)
                csv.append(deviation.variationClass.rawValue, fromInput: false)
                csv.append(deviation.reason.text(codes: compiled.codes), fromInput: false)
                var category = ""
                if case .documented(let code) = deviation.reason { category = compiled.codes[code].category.rawValue }
                csv.append(category, fromInput: false)
                csv.append(text.expected(deviation), fromInput: false)
                csv.append(text.observed(deviation), fromInput: false)
                csv.append(deviation.time.map { result.clock.iso8601($0) } ?? "", fromInput: false)
                csv.endRow()
            }
        }
        return csv.bytes
    }

    /// `rejected.csv`: every row `--skip-bad-rows` set aside, with why.
    public static func rejectedCSV(_ statistics: ReadStatistics) -> [UInt8] {
        var csv = CSVWriter(header: ["line", "reason", "raw"])
        for row in statistics.rejected {
            csv.append(row.line)
            csv.append(row.reason, fromInput: true)
            csv.append(row.raw, fromInput: true)
            csv.endRow()
        }
        return csv.bytes
    }
}
