/// One case told against the pathway, for a clinical lead who asks "why was this patient
/// flagged?": every event with what it meant to the pathway, then every deviation with its
/// class and the reason for it.
public struct CaseExplanation {
    public let compiled: CompiledPathway
    public let symbols: SymbolTable
    public let clock: ZonedClock

    public init(compiled: CompiledPathway, symbols: SymbolTable, clock: ZonedClock) {
        self.compiled = compiled
        self.symbols = symbols
        self.clock = clock
    }

    public func text(for logCase: LogCase, outcome: CaseOutcome) -> String {
        let pathway = compiled.pathway
        var lines: [String] = []
        let caseId = symbols.string(logCase.id)
        lines.append("Case \(caseId) against '\(pathway.id)' version \(pathway.version): \(pathway.title)")
        var status = outcome.inCohort ? "in the cohort" : "not in the cohort"
        if compiled.groupKey != nil {
            let group = outcome.group == LogCase.missing ? "(unknown)" : symbols.string(outcome.group)
            status += ", group \(group)"
        }
        if let entry = outcome.entryTime {
            status += ", entry \(clock.iso8601(entry))"
        } else {
            status += ", no entry event"
        }
        lines.append(status)
        lines.append("")
        lines.append("Events, in time order (\(logCase.events.count)):")
        let labels = logCase.events.map { symbols.string($0.activity) }
        let width = min(40, labels.map(\.count).max() ?? 0)
        for (index, event) in logCase.events.enumerated() {
            var line = "  \(clock.iso8601(event.time))  "
            if let entry = outcome.entryTime {
                let delta = event.time.microseconds - entry.microseconds
                let text =
                    delta < 0
                    ? "-" + ISODuration.format(microseconds: -delta) : "+" + ISODuration.format(microseconds: delta)
                line += text.padding(to: 14) + "  "
            }
            line += labels[index].padding(to: width) + "  " + meaning(of: event.activity)
            lines.append(line)
        }
        lines.append("")
        if !outcome.inCohort {
            lines.append("Not in the cohort, so not assessed: \(cohortReason(outcome)).")
            return lines.joined(separator: "\n") + "\n"
        }
        let counts = VariationClass.allCases.map { "\(outcome.count($0)) \($0.rawValue)" }.joined(separator: ", ")
        lines.append("Deviations (\(outcome.deviations.count)): \(counts)")
        let text = DeviationText(compiled)
        for deviation in outcome.deviations {
            let element = compiled.elements[deviation.element]
            let stage = compiled.stages[element.stage].id
            var line = "  \(stage) / \(element.id): \(deviation.kind.rawValue) — \(deviation.variationClass.rawValue)"
            line += " (\(deviation.reason.text(codes: compiled.codes)))"
            line += "; expected \(text.expected(deviation)), observed \(text.observed(deviation))"
            if let time = deviation.time { line += " at \(clock.iso8601(time))" }
            lines.append(line)
        }
        lines.append("")
        let unwarranted = outcome.count(.unwarranted)
        lines.append(
            outcome.isConformant
                ? "Conformant: no unwarranted deviation."
                : "Not conformant: \(unwarranted) unwarranted deviation\(unwarranted == 1 ? "" : "s").")
        return lines.joined(separator: "\n") + "\n"
    }

    private func meaning(of activity: Int32) -> String {
        switch compiled.role(of: activity) {
        case .offPathway: return "off-pathway"
        case .entry: return "entry"
        case .element(let element):
            let compiledElement = compiled.elements[element]
            return "\(compiledElement.kind.rawValue) \(compiledElement.id)"
        case .option(let element, let option):
            return "choice \(compiled.elements[element].id): option \(compiled.elements[element].options[option])"
        case .preference(let element): return "preference documented for \(compiled.elements[element].id)"
        case .varianceRecord: return "variance record"
        case .ignored: return "ignored"
        }
    }

    private func cohortReason(_ outcome: CaseOutcome) -> String {
        if outcome.entryTime == nil {
            return "the case has no '\(compiled.pathway.cohort.entry.activity)' event"
        }
        let cohort = compiled.pathway.cohort
        let rules =
            cohort.includes.map { "\($0.key) = \($0.equals)" }
            + cohort.excludes.map { "not \($0.key) = \($0.equals)" }
        return "it does not meet the cohort's conditions (\(rules.joined(separator: ", ")))"
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
