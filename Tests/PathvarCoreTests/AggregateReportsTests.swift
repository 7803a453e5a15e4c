import Testing

@testable import PathvarCore

/// The aggregate reports on four cases whose every number was worked out by hand.
@Suite struct AggregateReportsTests {
    typealias E = AuditHarness.E

    /// Hands over prepared cases as a reader would.
    struct ArrayReader: CaseReader {
        var cases: [LogCase]
        var symbols: SymbolTable
        var statistics = ReadStatistics()
        var notes: [String] = []

        mutating func nextCase() throws(DiagnosticError) -> LogCase? {
            guard !cases.isEmpty else { return nil }
            let next = cases.removeFirst()
            statistics.rowsRead += next.events.count
            for event in next.events { statistics.noteAccepted(event.time) }
            return next
        }
    }

    static func audit(threads: Int = 2) throws -> AuditResult {
        var harness = try AuditHarness(pathway: MatchingRulesTests.pathway)
        let suspectedA = ["suspected": "true", "ward": "A"]
        let cases: [(String, [E])] = [
            (
                "c1",
                [
                    E("Arrival", 0, suspectedA), E("Triage", 10), E("Bloods", 20), E("Shared decision", 55),
                    E("Ward", 60), E("Handover", 70), E("Care plan", 100),
                ]
            ),
            (
                "c2",
                [
                    E("Arrival", 0, suspectedA), E("Coffee", 5), E("Triage", 45), E("Bloods", 50),
                    E("Shared decision", 58), E("Ward", 60), E("Handover", 70), E("Care plan", 100),
                ]
            ),
            (
                "c3",
                [
                    E("Arrival", 0, ["suspected": "true", "ward": "B"]), E("Triage", 10),
                    E("Variance", 30, ["step": "bloods", "code": "P1"]), E("Ward", 60), E("ICU", 90),
                    E("Handover", 100),
                ]
            ),
            ("c4", [E("Arrival", 0, ["suspected": "false", "ward": "A"])]),
        ]
        var logCases: [LogCase] = []
        for (id, events) in cases {
            _ = harness.evaluate(events, id: id)
            logCases.append(harness.lastCase!)
        }
        var reader = ArrayReader(cases: logCases, symbols: harness.symbols)
        return try Audit.evaluate(
            reader: &reader, compiled: harness.compiled, threads: threads, clock: try ZonedClock(timeZone: "UTC"))
    }

    static func totals(_ result: AuditResult) -> AuditTotals {
        let labels = ReportLabels(result: result, blind: false)
        return AuditTotals(result, groupName: { labels.group($0).text })
    }

    @Test func stepsCSV() throws {
        let text = String(decoding: AggregateReports.stepsCSV(Self.totals(try Self.audit())), as: UTF8.self)
        #expect(
            text == """
                stage,element,type,mode,required,cohort,performed,omitted,late,early,out_of_order,repeated,overuse,no_option,multiple_options,preference_undocumented,warranted,unwarranted,unassessed,compliance,median_delay_minutes,p90_delay_minutes
                acute,triage,step,repetitive,must,3,3,0,1,0,0,0,0,0,0,0,0,1,0,0.6667,10.0,38.0
                acute,bloods,step,repetitive,must-unless-documented,3,2,1,0,0,0,0,0,0,0,0,1,0,0,1.0000,7.5,9.5
                acute,review,step,repetitive,could,3,0,0,0,0,0,0,0,0,0,0,0,0,0,1.0000,,
                acute,ct,avoid,repetitive,avoid-unless-documented,3,0,0,0,0,0,0,0,0,0,0,0,0,0,1.0000,,
                where,destination,choice,constrained,must-unless-documented,3,3,0,0,0,0,0,0,0,1,1,0,2,0,0.6667,50.0,50.0
                where,handover,step,constrained,must,3,3,0,0,0,0,0,0,0,0,0,0,0,0,1.0000,,
                complex,plan,step,unconstrained,must,3,2,1,0,0,0,0,0,0,0,0,0,0,1,1.0000,,

                """)
    }

    @Test func choicesCSV() throws {
        let text = String(decoding: AggregateReports.choicesCSV(Self.totals(try Self.audit())), as: UTF8.self)
        #expect(
            text == """
                choice,option,group,cases,share,documented
                destination,ward,(all),3,1.0000,2
                destination,ward,A,2,1.0000,2
                destination,ward,B,1,1.0000,0
                destination,icu,(all),1,0.3333,0
                destination,icu,A,0,0.0000,0
                destination,icu,B,1,1.0000,0

                """)
    }

    @Test func varianceMonthlyAndOffPathwayCSV() throws {
        let totals = Self.totals(try Self.audit())
        let pathway = try AuditHarness(pathway: MatchingRulesTests.pathway).compiled.pathway
        #expect(
            String(decoding: AggregateReports.varianceCSV(totals, pathway: pathway), as: UTF8.self)
                == "element,code,category,warrants,cases\nbloods,P1,patient,true,1\n")
        #expect(
            String(decoding: AggregateReports.monthlyCSV(totals), as: UTF8.self)
                == "month,cases,unwarranted_cases,rate,centre,lcl,ucl,signal\n"
                + "2024-03,3,2,0.666667,0.666667,0.000000,1.000000,within\n")
        #expect(
            String(decoding: AggregateReports.offPathwayCSV(totals), as: UTF8.self)
                == "activity,events,cases\nCoffee,1,1\n")
    }

    @Test func groupsCSVComparesEachGroupWithTheOverallRate() throws {
        let rows = AggregateReports.groupRows(Self.totals(try Self.audit()))
        #expect(rows.map(\.group) == ["A", "B"])
        #expect(rows.map(\.cases) == [2, 1])
        #expect(rows.map(\.unwarrantedCases) == [1, 1])
        #expect(rows.map(\.rate) == [0.5, 1.0])
        // With one case, Spiegelhalter's interpolated limits sit just below 1 (0.9985 at 99.8% for a
        // target of 2/3), so a single case with unwarranted variation falls above them.
        #expect(rows.map(\.signal) == [.within, .above998])
        #expect(abs((rows[1].limits?.outer998.upper ?? 0) - (1 - 0.001 / (2.0 / 3.0))) < 1e-12)
    }

    @Test func totalsAreTheSameOnOneThreadAndMany() throws {
        #expect(Self.totals(try Self.audit(threads: 1)) == Self.totals(try Self.audit(threads: 4)))
    }

    @Test func perCaseCountsSumToTheTotals() throws {
        let result = try Self.audit()
        let totals = Self.totals(result)
        for variationClass in VariationClass.allCases {
            let perCase = result.outcomes.reduce(0) { $0 + $1.count(variationClass) }
            #expect(perCase == (totals.deviations[variationClass.rawValue] ?? 0))
            let perElement = totals.elements.reduce(0) { $0 + ($1.classes[variationClass.rawValue] ?? 0) }
            #expect(perElement == perCase)
        }
        #expect(
            totals.cohortCases - totals.conformantCases == totals.groups.values.reduce(0) { $0 + $1.unwarrantedCases })
    }
}
