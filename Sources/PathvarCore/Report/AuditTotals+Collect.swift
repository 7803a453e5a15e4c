extension AuditTotals {
    /// Empty totals shaped by a pathway.
    public init(compiled: CompiledPathway) {
        pathwayId = compiled.pathway.id
        pathwayVersion = compiled.pathway.version
        elements = compiled.elements.map { element in
            ElementTotals(
                id: element.id, stage: compiled.stages[element.stage].id, type: element.kind.rawValue,
                mode: element.mode.rawValue,
                required: element.kind == .avoid
                    ? (element.unlessDocumented ? "avoid-unless-documented" : "avoid") : element.required.rawValue)
        }
        choices = compiled.choiceElements.map { index in
            let element = compiled.elements[index]
            return ChoiceTotals(id: element.id, options: element.options, hasDocumentation: element.documentedBy != nil)
        }
    }

    /// Totals of one audit. `groupName` maps a case to the label its group is reported under
    /// (so that blinding, or a site label, is applied before anything is counted).
    public init(_ result: AuditResult, groupName: (CaseOutcome) -> String) {
        let compiled = result.compiled
        self.init(compiled: compiled)
        let statistics = result.statistics
        rowsRead = statistics.rowsRead
        rowsAccepted = statistics.rowsAccepted
        rowsRejected = statistics.rowsRejected
        earliestEvent = statistics.earliest?.microseconds
        latestEvent = statistics.latest?.microseconds
        for index in elements.indices {
            elements[index].performed = result.timings.performed[index]
            elements[index].delays = result.timings.delays[index]
        }
        for outcome in result.outcomes {
            add(
                outcome, compiled: compiled, clock: result.clock, symbols: result.symbols, groupName: groupName(outcome)
            )
        }
        if let streamed = result.streamedTotals { add(streamed) }
    }

    /// Counts one case. `groupName` is the label its group is reported under; `symbols`
    /// resolves the log's activity labels and variance-record values.
    public mutating func add(
        _ outcome: CaseOutcome, compiled: CompiledPathway, clock: ZonedClock, symbols: SymbolTable,
        groupName group: String
    ) {
        cases += 1
        events += outcome.eventCount
        for (activity, count) in outcome.offPathway {
            let name = symbols.string(activity)
            offPathway[name, default: ActivityTotals()].events += Int(count)
            offPathway[name, default: ActivityTotals()].cases += 1
        }
        for record in outcome.varianceRecords {
            let element = record.element.map { compiled.elements[$0].id } ?? Self.text(record.elementSymbol, symbols)
            let code = record.code.map { compiled.codes[$0].id } ?? Self.text(record.codeSymbol, symbols)
            variance[element, default: [:]][code, default: 0] += 1
        }
        guard outcome.inCohort else {
            if outcome.entryTime == nil { casesWithoutEntry += 1 } else { casesExcluded += 1 }
            return
        }
        cohortCases += 1
        let unwarranted = !outcome.isConformant
        if !unwarranted { conformantCases += 1 }
        groups[group, default: GroupTotals()].cases += 1
        if unwarranted { groups[group, default: GroupTotals()].unwarrantedCases += 1 }
        if let entry = outcome.entryTime {
            let month = clock.yearMonth(entry)
            months[month, default: GroupTotals()].cases += 1
            if unwarranted { months[month, default: GroupTotals()].unwarrantedCases += 1 }
        }
        var flagged: Set<Int> = []
        for deviation in outcome.deviations {
            let className = deviation.variationClass.rawValue
            deviations[className, default: 0] += 1
            elements[deviation.element].kinds[deviation.kind.rawValue, default: 0] += 1
            elements[deviation.element].classes[className, default: 0] += 1
            if deviation.variationClass == .unwarranted { flagged.insert(deviation.element) }
            if case .documented(let code) = deviation.reason {
                categories[compiled.codes[code].category.rawValue, default: 0] += 1
            }
        }
        for index in flagged { elements[index].casesWithUnwarranted += 1 }
        for (ordinal, element) in compiled.choiceElements.enumerated() {
            var mask = outcome.optionsTaken[ordinal]
            guard mask != 0 else { continue }
            choices[ordinal].casesChoosing[group, default: 0] += 1
            let documented = outcome.preferenceDocumented[ordinal]
            while mask != 0 {
                let option = compiled.elements[element].options[mask.trailingZeroBitCount]
                mask &= mask - 1
                choices[ordinal].taken[option, default: [:]][group, default: 0] += 1
                if documented { choices[ordinal].documented[option, default: [:]][group, default: 0] += 1 }
            }
        }
    }

    private static func text(_ symbol: Int32, _ symbols: SymbolTable) -> String {
        symbol == LogCase.missing ? "(missing)" : symbols.string(symbol)
    }
}
