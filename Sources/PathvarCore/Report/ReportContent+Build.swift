extension ReportContent {
    /// The report's content from an audit's totals; `result` (when there is one) adds the
    /// individual cases listed for discussion.
    public init(
        totals: AuditTotals, pathway: Pathway, result: AuditResult?, labels: ReportLabels?, options: ReportOptions,
        timeZone: String, clock: ZonedClock
    ) {
        title = pathway.title
        pathwayId = pathway.id
        version = pathway.version
        owner = pathway.meta.owner
        evidence = pathway.meta.evidence.map { Evidence(text: $0.text, href: $0.href) }
        reviewBy = pathway.meta.reviewBy?.description
        reviewPassed = options.today.flatMap { today in pathway.meta.reviewBy.map { $0 < today } } ?? false
        logName = options.logName
        periodStart = totals.earliestEvent.map { clock.localDateText(Instant(microseconds: $0)) }
        periodEnd = totals.latestEvent.map { clock.localDateText(Instant(microseconds: $0)) }
        self.timeZone = timeZone
        rowsRead = totals.rowsRead
        rowsAccepted = totals.rowsAccepted
        rowsRejected = totals.rowsRejected
        cases = totals.cases
        cohortCases = totals.cohortCases
        casesWithoutEntry = totals.casesWithoutEntry
        casesExcluded = totals.casesExcluded
        let cohort = pathway.cohort
        cohortRule =
            ([cohort.entry.activity] + cohort.includes.map { "\($0.key) = \($0.equals)" }
            + cohort.excludes.map { "not \($0.key) = \($0.equals)" }).joined(separator: "; ")
        groupBy = result?.compiled.groupKey.map { result!.compiled.keys.names[$0] } ?? cohort.groupBy
        blinded = options.blind
        conformantCases = totals.conformantCases
        unwarranted = totals.deviations[VariationClass.unwarranted.rawValue] ?? 0
        warranted = totals.deviations[VariationClass.warranted.rawValue] ?? 0
        unassessed = totals.deviations[VariationClass.unassessed.rawValue] ?? 0
        let modes = Set(pathway.stages.map(\.mode))
        hasRepetitive = modes.contains(.repetitive)
        hasConstrained = modes.contains(.constrained)
        hasUnconstrained = modes.contains(.unconstrained)
        elements = totals.elements.filter { $0.mode == CareMode.repetitive.rawValue }.map { element in
            let compliance =
                totals.cohortCases == 0
                ? nil : Double(totals.cohortCases - element.casesWithUnwarranted) / Double(totals.cohortCases)
            return ElementLine(
                stage: element.stage, element: element.id, type: element.type, required: element.required,
                cohort: totals.cohortCases, performed: element.performed,
                unwarrantedCases: element.casesWithUnwarranted, compliance: compliance,
                medianDelayMinutes: DelayStatistics.percentile(0.5, of: element.delays).map { $0 / 60 },
                p90DelayMinutes: DelayStatistics.percentile(0.9, of: element.delays).map { $0 / 60 },
                kinds: element.kinds.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) })
        }.enumerated().sorted { a, b in
            // Worst first; ties keep pathway order.
            let left = a.element.compliance ?? 1
            let right = b.element.compliance ?? 1
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
        target = AggregateReports.target(totals)
        groups = AggregateReports.groupRows(totals)
        choices = totals.choices.map { choice in
            let stage = totals.elements.first { $0.id == choice.id }?.stage ?? ""
            func shares(group: String?) -> (Int, [OptionShare]) {
                let choosing = group.map { choice.casesChoosing[$0] ?? 0 } ?? choice.casesChoosing.values.reduce(0, +)
                let options = choice.options.map { option in
                    let taken =
                        group.map { choice.taken[option]?[$0] ?? 0 } ?? (choice.taken[option]?.values.reduce(0, +) ?? 0)
                    let documented =
                        group.map { choice.documented[option]?[$0] ?? 0 }
                        ?? (choice.documented[option]?.values.reduce(0, +) ?? 0)
                    return OptionShare(
                        option: option, cases: taken, share: choosing == 0 ? nil : Double(taken) / Double(choosing),
                        documented: choice.hasDocumentation && taken > 0 ? Double(documented) / Double(taken) : nil)
                }
                return (choosing, options)
            }
            let (all, overall) = shares(group: nil)
            let byGroup = AggregateReports.sortedNames(choice.casesChoosing.keys).map { group in
                let (choosing, options) = shares(group: group)
                return (group, choosing, options)
            }
            let documentedTotal = choice.documented.values.reduce(0) { $0 + $1.values.reduce(0, +) }
            let takenTotal = choice.taken.values.reduce(0) { $0 + $1.values.reduce(0, +) }
            return ChoiceSummary(
                choice: choice.id, stage: stage, casesChoosing: all, overall: overall, byGroup: byGroup,
                documentationRate: choice.hasDocumentation && takenTotal > 0
                    ? Double(documentedTotal) / Double(takenTotal) : nil)
        }
        if let result, let labels {
            // Counted from the packed views; only the twenty listed cases are rebuilt.
            var flagged: [Int] = []
            var flaggedTotal = 0
            for position in result.outcomes.indices {
                let view = result.outcomes.view(at: position)
                guard view.inCohort, view.count(.unassessed) > 0 else { continue }
                flaggedTotal += 1
                if flagged.count < 20 { flagged.append(position) }
            }
            reviewCasesTotal = flaggedTotal
            reviewCases = flagged.map { result.outcomes[$0] }.map { outcome in
                ReviewCase(
                    caseId: labels.caseId(outcome.caseId), group: labels.group(outcome).text,
                    entry: outcome.entryTime.map { clock.iso8601($0) } ?? "",
                    deviations: outcome.deviations.filter { $0.variationClass == .unassessed }.map {
                        "\($0.kind.rawValue) \(result.compiled.elements[$0.element].id)"
                    })
            }
        } else {
            reviewCases = nil
            reviewCasesTotal = 0
        }
        let chart = AggregateReports.pChart(totals)
        months = zip(AggregateReports.monthRows(totals), chart.points).map { row, point in
            MonthPoint(
                month: row.month, cases: point.cases, unwarrantedCases: point.events, rate: point.rate,
                lower: point.limits?.lower, upper: point.limits?.upper, signal: point.signal?.rawValue)
        }
        monthlyCentre = chart.centre
        runChart = AggregateReports.runChart(totals)
        hasVarianceCodes = !(pathway.varianceCodes?.codes.isEmpty ?? true)
        categories = VarianceCategory.allCases.map { ($0.rawValue, totals.categories[$0.rawValue] ?? 0) }
        let ranking = AggregateReports.offPathwayRanking(totals)
        offPathway = ranking.prefix(10).map { ($0.0, $0.1.events, $0.1.cases) }
        offPathwayTotal = ranking.count
    }
}

extension ZonedClock {
    /// `2014-10-22`: the local date of an instant.
    public func localDateText(_ instant: Instant) -> String {
        String(iso8601(instant).prefix(10))
    }
}
