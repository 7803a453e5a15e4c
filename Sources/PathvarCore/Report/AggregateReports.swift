/// The aggregate CSV files, rendered from `AuditTotals` alone, in a fixed row order: the
/// pathway's document order for elements, choices and codes; natural order for names.
public enum AggregateReports {
    /// `choices.csv`: the mix of options chosen, overall and per group, with how often the
    /// patient's preference was documented.
    public static func choicesCSV(_ totals: AuditTotals) -> [UInt8] {
        var csv = CSVWriter(header: ["choice", "option", "group", "cases", "share", "documented"])
        for choice in totals.choices {
            let groups = sortedNames(choice.casesChoosing.keys)
            for option in choice.options {
                let taken = choice.taken[option] ?? [:]
                let documented = choice.documented[option] ?? [:]
                let all = choice.casesChoosing.values.reduce(0, +)
                let rows =
                    [("(all)", taken.values.reduce(0, +), all, documented.values.reduce(0, +), false)]
                    + groups.map { ($0, taken[$0] ?? 0, choice.casesChoosing[$0] ?? 0, documented[$0] ?? 0, true) }
                for (group, cases, choosing, documentedCases, fromInput) in rows {
                    csv.append(choice.id, fromInput: false)
                    csv.append(option, fromInput: false)
                    csv.append(group, fromInput: fromInput)
                    csv.append(cases)
                    csv.append(share(cases, of: choosing), fromInput: false)
                    csv.append(choice.hasDocumentation ? String(documentedCases) : "", fromInput: false)
                    csv.endRow()
                }
            }
        }
        return csv.bytes
    }

    /// `variance.csv`: documented variance codes per element; codes the pathway does not
    /// list are flagged `(unknown code)`, elements it does not have `(unknown element)`.
    public static func varianceCSV(_ totals: AuditTotals, pathway: Pathway) -> [UInt8] {
        var csv = CSVWriter(header: ["element", "code", "category", "warrants", "cases"])
        let codes = pathway.varianceCodes?.codes ?? []
        let known = totals.elements.map(\.id)
        let elementOrder =
            known.filter { totals.variance[$0] != nil }
            + sortedNames(totals.variance.keys.filter { !known.contains($0) })
        for element in elementOrder {
            let byCode = totals.variance[element] ?? [:]
            let listed = codes.map(\.id).filter { byCode[$0] != nil }
            let unlisted = sortedNames(byCode.keys.filter { code in !codes.contains { $0.id == code } })
            for code in listed + unlisted {
                let definition = codes.first { $0.id == code }
                let elementKnown = known.contains(element)
                csv.append(element, fromInput: !elementKnown)
                csv.append(code, fromInput: definition == nil)
                if !elementKnown {
                    csv.append("(unknown element)", fromInput: false)
                    csv.append(definition.map { $0.warrants ? "true" : "false" } ?? "", fromInput: false)
                } else if let definition {
                    csv.append(definition.category.rawValue, fromInput: false)
                    csv.append(definition.warrants ? "true" : "false", fromInput: false)
                } else {
                    csv.append("(unknown code)", fromInput: false)
                    csv.append("", fromInput: false)
                }
                csv.append(byCode[code] ?? 0)
                csv.endRow()
            }
        }
        return csv.bytes
    }

    /// `offpathway.csv`: activities the pathway does not mention, most frequent first.
    public static func offPathwayCSV(_ totals: AuditTotals) -> [UInt8] {
        var csv = CSVWriter(header: ["activity", "events", "cases"])
        for (activity, counts) in offPathwayRanking(totals) {
            csv.append(activity, fromInput: true)
            csv.append(counts.events)
            csv.append(counts.cases)
            csv.endRow()
        }
        return csv.bytes
    }

    /// Off-pathway activities by events (descending), then name.
    public static func offPathwayRanking(_ totals: AuditTotals) -> [(String, AuditTotals.ActivityTotals)] {
        totals.offPathway.sorted { a, b in
            a.value.events != b.value.events
                ? a.value.events > b.value.events : CaseOrder.compare(Array(a.key.utf8), Array(b.key.utf8)) < 0
        }.map { ($0.key, $0.value) }
    }

    /// `part / whole` with four decimals; empty when there is no whole.
    public static func share(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "" : ReportNumber.fixed(Double(part) / Double(whole), places: 4)
    }

    /// Names in natural order (`Unit 2` before `Unit 10`), the same on every run.
    public static func sortedNames(_ names: some Sequence<String>) -> [String] {
        names.sorted { CaseOrder.compare(Array($0.utf8), Array($1.utf8)) < 0 }
    }
}
