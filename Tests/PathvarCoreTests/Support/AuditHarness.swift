@testable import PathvarCore

/// Builds cases by hand and evaluates them against a pathway written inline, so that each
/// matching rule can be tested on exactly the events it is about.
struct AuditHarness {
    var symbols = SymbolTable()
    let compiled: CompiledPathway
    var evaluator: CaseEvaluator
    /// The case last built by `evaluate`, as a reader would have handed it over.
    var lastCase: LogCase?

    init(pathway xml: String, groupBy: String? = nil) throws {
        let result = PathwayParser.parse(bytes: Array(xml.utf8), file: "test.xml", today: nil)
        guard let pathway = result.pathway else {
            throw DiagnosticError(result.diagnostics)
        }
        compiled = CompiledPathway(pathway, groupBy: groupBy, symbols: &symbols)
        evaluator = CaseEvaluator(compiled)
    }

    /// One event: activity, minutes after 08:00 on 2024-03-01 UTC, and attributes.
    struct E {
        var activity: String
        var minute: Int
        var attributes: [String: String] = [:]

        init(_ activity: String, _ minute: Int, _ attributes: [String: String] = [:]) {
            self.activity = activity
            self.minute = minute
            self.attributes = attributes
        }
    }

    static let base: Int64 = 1_709_280_000 * 1_000_000

    static func time(_ minute: Int) -> Instant { Instant(microseconds: base + Int64(minute) * 60_000_000) }

    /// Evaluates one case; events are given in input order and sorted by time here, as a reader would.
    mutating func evaluate(_ events: [E], caseAttributes: [String: String] = [:], id: String = "case-1")
        -> CaseOutcome
    {
        let keys = compiled.keys
        var values: [Int32] = []
        let built = events.enumerated().map { index, event in
            for name in keys.names {
                values.append(event.attributes[name].map { symbols.intern($0) } ?? LogCase.missing)
            }
            return Event(
                activity: symbols.intern(event.activity), time: Self.time(event.minute), line: Int32(index + 2))
        }
        let caseValues = keys.names.map { name in caseAttributes[name].map { symbols.intern($0) } ?? LogCase.missing }
        var logCase = LogCase(id: symbols.intern(id), events: built, eventValues: values, caseValues: caseValues)
        logCase.sortByTime()
        lastCase = logCase
        return evaluator.evaluate(logCase)
    }

    /// `element kind class reason`, one line per deviation, for compact expectations.
    func describe(_ outcome: CaseOutcome) -> [String] {
        outcome.deviations.map { deviation in
            let element = compiled.elements[deviation.element].id
            let reason = deviation.reason.text(codes: compiled.codes)
            return "\(element) \(deviation.kind.rawValue) \(deviation.variationClass.rawValue) \(reason)"
        }
    }
}
