import Foundation
import Testing

@testable import PathvarCore

/// Properties of the whole audit over random valid pathways and the logs they shape: the
/// answer never depends on input order, format or thread count, and every count adds up.
@Suite struct AuditPropertyTests {
    static let seeds: [UInt64] = Array(1...12)

    struct Scenario {
        let folder = TemporaryFolder()
        let pathway: Pathway
        let pathwayPath: String
        let log: SyntheticLog

        init(seed: UInt64, cases: Int = 150) throws {
            let xml = RandomPathway.xml(seed: seed)
            pathwayPath = folder.write("pathway.xml", xml)
            let result = PathwayParser.parse(bytes: Array(xml.utf8), file: "random-\(seed).xml", today: nil)
            guard let pathway = result.pathway else { throw DiagnosticError(result.diagnostics) }
            self.pathway = pathway
            log = SyntheticLog(pathway: pathway, cases: cases, seed: seed)
        }

        func write(_ name: String, format: LogFormat) throws -> String {
            let path = folder.path(name)
            try log.write(to: path, format: format)
            return path
        }

        func audit(_ path: String, threads: Int = 2) throws -> AuditResult {
            var configuration = AuditConfiguration(logPath: path)
            configuration.threads = threads
            return try Audit.run(pathway: pathway, configuration: configuration)
        }

        func reports(_ result: AuditResult) -> [String: [UInt8]] {
            Dictionary(
                uniqueKeysWithValues: ReportSet.files(for: result, options: ReportOptions()).map { ($0.name, $0.bytes) }
            )
        }
    }

    @Test(arguments: seeds)
    func randomPathwaysAreValid(seed: UInt64) throws {
        let result = PathwayParser.parse(bytes: Array(RandomPathway.xml(seed: seed).utf8), file: "r.xml", today: nil)
        #expect(!result.hasErrors, "\(result.diagnostics)")
    }

    @Test(arguments: seeds)
    func shufflingTheCasesChangesNoByte(seed: UInt64) throws {
        let scenario = try Scenario(seed: seed)
        let ordered = try scenario.write("ordered.csv", format: .csv)
        // The same rows with whole cases in a random order (each case's rows kept together and
        // in order, since their order breaks timestamp ties).
        let text = try String(contentsOfFile: ordered, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        var cases: [String: [String]] = [:]
        var order: [String] = []
        for line in lines where !line.isEmpty {
            let id = String(line.prefix { $0 != "," })
            if cases[id] == nil { order.append(id) }
            cases[id, default: []].append(line)
        }
        var random = SplitMix64(seed: seed &+ 1000)
        order.shuffle(using: &random)
        let shuffled = scenario.folder.write(
            "shuffled.csv", ([header] + order.flatMap { cases[$0]! }).joined(separator: "\n") + "\n")
        #expect(scenario.reports(try scenario.audit(ordered)) == scenario.reports(try scenario.audit(shuffled)))
    }

    @Test(arguments: seeds)
    func csvAndXESGiveTheSameAudit(seed: UInt64) throws {
        let scenario = try Scenario(seed: seed)
        let csv = scenario.reports(try scenario.audit(try scenario.write("log.csv", format: .csv)))
        let xes = scenario.reports(try scenario.audit(try scenario.write("log.xes", format: .xes)))
        #expect(csv["cases.csv"] == xes["cases.csv"])
        #expect(csv["deviations.csv"] == xes["deviations.csv"])
    }

    @Test(arguments: seeds)
    func oneThreadAndManyGiveTheSameFiles(seed: UInt64) throws {
        let scenario = try Scenario(seed: seed, cases: 400)
        let log = try scenario.write("log.csv", format: .csv)
        #expect(
            scenario.reports(try scenario.audit(log, threads: 1))
                == scenario.reports(try scenario.audit(log, threads: 4)))
    }

    @Test(arguments: seeds)
    func everyCountAddsUp(seed: UInt64) throws {
        let scenario = try Scenario(seed: seed)
        let result = try scenario.audit(try scenario.write("log.csv", format: .csv))
        let labels = ReportLabels(result: result, blind: false)
        let totals = AuditTotals(result, groupName: { labels.group($0).text })
        var byClass: [VariationClass: Int] = [:]
        var unwarrantedCases = 0
        for outcome in result.outcomes {
            let parts = VariationClass.allCases.map { outcome.count($0) }
            #expect(outcome.deviations.count == parts.reduce(0, +))
            #expect(outcome.isConformant == (outcome.count(.unwarranted) == 0))
            if !outcome.inCohort { #expect(outcome.deviations.isEmpty) }
            for variationClass in VariationClass.allCases {
                byClass[variationClass, default: 0] += outcome.count(variationClass)
            }
            if outcome.inCohort && !outcome.isConformant { unwarrantedCases += 1 }
        }
        for variationClass in VariationClass.allCases {
            // steps.csv's class columns, summed over elements, and the totals.
            #expect(
                totals.elements.reduce(0) { $0 + ($1.classes[variationClass.rawValue] ?? 0) } == byClass[variationClass]
                    ?? 0)
            #expect((totals.deviations[variationClass.rawValue] ?? 0) == byClass[variationClass] ?? 0)
        }
        // groups.csv's unwarranted cases, summed over groups.
        #expect(totals.groups.values.reduce(0) { $0 + $1.unwarrantedCases } == unwarrantedCases)
        #expect(totals.months.values.reduce(0) { $0 + $1.unwarrantedCases } == unwarrantedCases)
        #expect(totals.groups.values.reduce(0) { $0 + $1.cases } == totals.cohortCases)
        #expect(totals.cases == totals.cohortCases + totals.casesWithoutEntry + totals.casesExcluded)
        #expect(result.statistics.rowsRead == result.statistics.rowsAccepted + result.statistics.rowsRejected)
    }

    @Test(arguments: seeds)
    func badRowsAreAlwaysAccountedFor(seed: UInt64) throws {
        let scenario = try Scenario(seed: seed)
        let good = try String(contentsOfFile: try scenario.write("log.csv", format: .csv), encoding: .utf8)
        var random = SplitMix64(seed: seed &+ 7)
        let breakages = [
            { (line: String) in "," + line },  // a field too many
            { (line: String) in String(line.prefix { $0 != "," }) },  // fields missing
            { (line: String) in line.replacingOccurrences(of: "T", with: "?") },  // a broken timestamp
            { (line: String) in "\"" + line },  // a quote that may never close
            { (_: String) in "" },  // an empty line
        ]
        var lines = good.split(separator: "\n").map(String.init)
        var broken = 0
        for index in 1..<lines.count where random.chance(0.05) {
            lines[index] = breakages[random.below(breakages.count)](lines[index])
            broken += 1
        }
        let path = scenario.folder.write("bad.csv", lines.joined(separator: "\n") + "\n")
        var options = LogReadOptions()
        options.skipBadRows = true
        options.holdAllCases = true
        var symbols = SymbolTable()
        _ = CompiledPathway(scenario.pathway, symbols: &symbols)
        var reader = try CSVReader(path: path, options: options, symbols: symbols)
        var events = 0
        do {
            while let logCase = try reader.nextCase() { events += logCase.events.count }
        } catch {
            // An unterminated quote can swallow the rest of the file: that stops the run, with a diagnostic.
            #expect(error.description.contains("quote"), "\(error)")
            return
        }
        let statistics = reader.statistics
        #expect(statistics.rowsRead == statistics.rowsAccepted + statistics.rowsRejected)
        #expect(statistics.rowsAccepted == events)
        #expect(broken == 0 || statistics.rowsRejected > 0 || statistics.rowsRead < lines.count - 1)
    }
}
