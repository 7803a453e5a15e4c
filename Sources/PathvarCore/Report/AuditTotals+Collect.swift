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

    /// Totals of one audit. `groupName` maps a group symbol (`LogCase.missing` for none) to
    /// the label it is reported under, so that blinding, or a site label, is applied before
    /// anything is counted.
    public init(_ result: AuditResult, groupName: (Int32) -> String) {
        let compiled = result.compiled
        self.init(compiled: compiled)
        let statistics = result.statistics
        rowsRead = statistics.rowsRead
        rowsAccepted = statistics.rowsAccepted
        rowsRejected = statistics.rowsRejected
        earliestEvent = statistics.earliest?.microseconds
        latestEvent = statistics.latest?.microseconds
        let delays = result.timings.delays
        for index in elements.indices {
            elements[index].performed = result.timings.performed[index]
            elements[index].delays = delays[index]
        }
        add(result.tally, compiled: compiled, symbols: result.symbols, groupName: groupName)
    }

    /// Adds a tally, naming what it counted: elements, codes and options by their ids in the
    /// pathway, activities and unknown variance values by the log's text, groups by
    /// `groupName`. Only counts above zero become entries, as if counted case by case.
    public mutating func add(
        _ tally: AuditTally, compiled: CompiledPathway, symbols: SymbolTable, groupName: (Int32) -> String
    ) {
        cases += tally.cases
        events += tally.events
        cohortCases += tally.cohortCases
        casesWithoutEntry += tally.casesWithoutEntry
        casesExcluded += tally.casesExcluded
        conformantCases += tally.conformantCases
        for (activity, counts) in tally.offPathway {
            offPathway[symbols.string(activity), default: ActivityTotals()] += counts
        }
        for (record, count) in tally.variance {
            let element = record.element.map { compiled.elements[$0].id } ?? Self.text(record.elementSymbol, symbols)
            let code = record.code.map { compiled.codes[$0].id } ?? Self.text(record.codeSymbol, symbols)
            variance[element, default: [:]][code, default: 0] += count
        }
        var names: [Int32: String] = [:]
        func name(_ group: Int32) -> String {
            if let known = names[group] { return known }
            let text = groupName(group)
            names[group] = text
            return text
        }
        for (group, counts) in tally.groups { groups[name(group), default: GroupTotals()] += counts }
        for (month, counts) in tally.months {
            months[ZonedClock.monthLabel(year: month.year, month: month.month), default: GroupTotals()] += counts
        }
        for (index, variationClass) in VariationClass.allCases.enumerated() where tally.classes[index] > 0 {
            deviations[variationClass.rawValue, default: 0] += tally.classes[index]
        }
        for (index, category) in VarianceCategory.allCases.enumerated() where tally.categories[index] > 0 {
            categories[category.rawValue, default: 0] += tally.categories[index]
        }
        for element in elements.indices {
            for (index, kind) in DeviationKind.allCases.enumerated() where tally.elementKinds[element][index] > 0 {
                elements[element].kinds[kind.rawValue, default: 0] += tally.elementKinds[element][index]
            }
            for (index, variationClass) in VariationClass.allCases.enumerated()
            where tally.elementClasses[element][index] > 0 {
                elements[element].classes[variationClass.rawValue, default: 0] += tally.elementClasses[element][index]
            }
            elements[element].casesWithUnwarranted += tally.elementCasesWithUnwarranted[element]
        }
        for (ordinal, element) in compiled.choiceElements.enumerated() {
            let counted = tally.choices[ordinal]
            for (group, count) in counted.casesChoosing {
                choices[ordinal].casesChoosing[name(group), default: 0] += count
            }
            for (index, option) in compiled.elements[element].options.enumerated() {
                for (group, count) in counted.taken[index] {
                    choices[ordinal].taken[option, default: [:]][name(group), default: 0] += count
                }
                for (group, count) in counted.documented[index] {
                    choices[ordinal].documented[option, default: [:]][name(group), default: 0] += count
                }
            }
        }
    }

    private static func text(_ symbol: Int32, _ symbols: SymbolTable) -> String {
        symbol == LogCase.missing ? "(missing)" : symbols.string(symbol)
    }
}

extension AuditTotals.GroupTotals {
    static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
}

extension AuditTotals.ActivityTotals {
    static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
}
