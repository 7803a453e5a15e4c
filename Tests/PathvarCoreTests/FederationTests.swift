import Foundation
import Testing

@testable import PathvarCore

/// Partial results merge exactly: any split of the cases, merged in any order or tree shape,
/// gives the aggregate files of one run over all of them.
@Suite struct FederationTests {
    static let pathwayPath = Fixtures.project("pathways/sepsis-ed.xml")

    /// A synthetic log of the sepsis pathway, audited whole.
    static func synthetic(cases: Int, seed: UInt64) throws -> (log: String, folder: TemporaryFolder) {
        let folder = TemporaryFolder()
        let pathway = try PathwayParser.loadChecked(path: pathwayPath, today: nil).0
        let log = folder.path("log.csv")
        try SyntheticLog(pathway: pathway, cases: cases, seed: seed).write(to: log, format: .csv)
        return (log, folder)
    }

    static func audit(log: String, pathwayPath: String = pathwayPath, shard: Shard? = nil) throws -> AuditResult {
        let pathway = try PathwayParser.loadChecked(path: pathwayPath, today: nil).0
        var configuration = AuditConfiguration(logPath: log)
        configuration.shard = shard
        return try Audit.run(pathway: pathway, configuration: configuration)
    }

    static func partial(_ result: AuditResult, site: String? = nil, shard: Shard? = nil) throws -> PartialResult {
        let source = try String(contentsOfFile: pathwayPath, encoding: .utf8)
        return PartialResult(
            result: result, pathwaySource: source, site: site, shard: shard, includeCases: false,
            options: ReportOptions())
    }

    /// The aggregate files, by name (`report.txt` differs by design: a single run lists cases).
    static func aggregates(_ files: [ReportSet.File]) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: files.filter { $0.name.hasSuffix(".csv") }.map { ($0.name, $0.bytes) })
    }

    @Test(arguments: [2, 3, 7])
    func shardsMergeToTheSingleRun(count: Int) throws {
        let (log, folder) = try Self.synthetic(cases: 600, seed: 11)
        _ = folder
        let single = try Self.audit(log: log)
        let expected = Self.aggregates(ReportSet.files(for: single, options: ReportOptions()))
        var partials: [(path: String, partial: PartialResult)] = []
        for index in 0..<count {
            let shard = Shard(index: index, count: count)!
            // Through JSON and back, as the files travel.
            let path = folder.path("part-\(index).json")
            try Self.partial(try Self.audit(log: log, shard: shard), shard: shard).write(to: path)
            partials.append((path, try PartialResult.read(path: path)))
        }
        #expect(partials.map(\.partial.totals.cases).reduce(0, +) == 600)
        let merged = try PartialMerge.merge(partials.reversed())
        let files = Self.aggregates(try ReportSet.files(for: merged, options: ReportOptions()))
        #expect(
            files.keys.sorted() == [
                "choices.csv", "groups.csv", "monthly.csv", "offpathway.csv", "steps.csv", "variance.csv",
            ])
        for (name, bytes) in files { #expect(bytes == expected[name], "\(name) differs after merging \(count) shards") }
    }

    @Test func totalsAddedUpWhileReadingEqualThoseOfKeptCases() throws {
        let (log, folder) = try Self.synthetic(cases: 500, seed: 21)
        _ = folder
        let pathway = try PathwayParser.loadChecked(path: Self.pathwayPath, today: nil).0
        var configuration = AuditConfiguration(logPath: log)
        configuration.keepCases = false
        let streamed = try Audit.run(pathway: pathway, configuration: configuration)
        #expect(streamed.outcomes.isEmpty)
        #expect(try Self.partial(streamed).totals == Self.partial(try Self.audit(log: log)).totals)
    }

    @Test func mergingIsAssociativeAndOrderIndependent() throws {
        let (log, folder) = try Self.synthetic(cases: 300, seed: 5)
        _ = folder
        let parts = try (0..<5).map { index in
            try Self.partial(try Self.audit(log: log, shard: Shard(index: index, count: 5)!))
        }
        let whole = try Self.partial(try Self.audit(log: log)).totals
        var random = SplitMix64(seed: 99)
        for _ in 0..<20 {
            // A random order, folded in a random tree shape.
            var pending = parts.map(\.totals).shuffled(using: &random)
            while pending.count > 1 {
                let left = Int(random.next() % UInt64(pending.count))
                var first = pending.remove(at: left)
                let right = Int(random.next() % UInt64(pending.count))
                first.add(pending.remove(at: right))
                pending.append(first)
            }
            #expect(pending[0] == whole)
        }
    }

    @Test func aDifferentPathwayVersionIsRefusedNamingBoth() throws {
        let (log, folder) = try Self.synthetic(cases: 50, seed: 3)
        let text = try String(contentsOfFile: Self.pathwayPath, encoding: .utf8)
        let newer = folder.write("sepsis-v2.xml", text.replacingOccurrences(of: #"version="1""#, with: #"version="2""#))
        var second = try Self.partial(try Self.audit(log: log, pathwayPath: newer))
        second.pathwaySource = try String(contentsOfFile: newer, encoding: .utf8)
        let first = try Self.partial(try Self.audit(log: log))
        #expect {
            try PartialMerge.merge([("a.json", first), ("b.json", second)])
        } throws: { error in
            (error as? DiagnosticError)?.description
                == "b.json: error: this partial is for 'sepsis-ed' version 2, but a.json is for version 1; audit every site with the same version"
        }
    }

    @Test func aChangedPathwayWithTheSameVersionIsRefused() throws {
        let (log, folder) = try Self.synthetic(cases: 50, seed: 3)
        let text = try String(contentsOfFile: Self.pathwayPath, encoding: .utf8)
        let edited = folder.write(
            "sepsis-edited.xml", text.replacingOccurrences(of: #"max="PT30M""#, with: #"max="PT45M""#))
        let first = try Self.partial(try Self.audit(log: log))
        let second = try Self.partial(try Self.audit(log: log, pathwayPath: edited))
        #expect(throws: DiagnosticError.self) { try PartialMerge.merge([("a.json", first), ("b.json", second)]) }
    }

    @Test func sitesBecomeTheGroupsOfTheMergedFunnel() throws {
        let (log, folder) = try Self.synthetic(cases: 200, seed: 8)
        _ = folder
        let north = try Self.partial(try Self.audit(log: log, shard: Shard(index: 0, count: 2)), site: "North")
        let south = try Self.partial(try Self.audit(log: log, shard: Shard(index: 1, count: 2)), site: "South")
        let merged = try PartialMerge.merge([("n.json", north), ("s.json", south)])
        #expect(merged.groupsAreSites)
        #expect(merged.totals.groups.keys.sorted() == ["North", "South"])
        #expect(merged.totals.groups["North"]?.cases == north.totals.cohortCases)
    }

    @Test func layoutAndCommentsDoNotChangeThePathwayHash() throws {
        let text = try String(contentsOfFile: Self.pathwayPath, encoding: .utf8)
        let original = try #require(PathwayParser.parse(bytes: Array(text.utf8), file: "a.xml", today: nil).pathway)
        let reformatted = text.replacingOccurrences(of: "\n  ", with: "\n      ")
            .replacingOccurrences(of: "<!--", with: "<!-- edited:")
        let other = try #require(PathwayParser.parse(bytes: Array(reformatted.utf8), file: "b.xml", today: nil).pathway)
        #expect(original.canonicalHash == other.canonicalHash)
        let changed = text.replacingOccurrences(of: #"max="PT30M""#, with: #"max="PT31M""#)
        let third = try #require(PathwayParser.parse(bytes: Array(changed.utf8), file: "c.xml", today: nil).pathway)
        #expect(original.canonicalHash != third.canonicalHash)
    }

    @Test func partialsHoldNoCaseIdsUnlessAsked() throws {
        let (log, folder) = try Self.synthetic(cases: 40, seed: 2)
        let path = folder.path("p.json")
        try Self.partial(try Self.audit(log: log)).write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("case-0000001"))
        #expect(text.contains("\"format\" : \"pathvar-partial-result\""))
    }
}

/// The real sepsis log split into 2, 3 and 7 shards merges back to the single audit.
@Suite(.enabled(if: Fixtures.hasSharedData, "../shared/data is not on this machine: real-log tests skipped"))
struct RealSepsisShardTests {
    @Test(arguments: [2, 3, 7])
    func shardsOfTheRealLogMergeExactly(count: Int) throws {
        let pathwayPath = Fixtures.path("pathways/sepsis-real-log.xml")
        let pathway = try PathwayParser.loadChecked(path: pathwayPath, today: nil).0
        let source = try String(contentsOfFile: pathwayPath, encoding: .utf8)
        func audit(_ shard: Shard?) throws -> AuditResult {
            var configuration = AuditConfiguration(
                logPath: try #require(Fixtures.sharedData("sepsis/sepsis-cases.xes.gz")))
            configuration.shard = shard
            return try Audit.run(pathway: pathway, configuration: configuration)
        }
        let single = FederationTests.aggregates(ReportSet.files(for: try audit(nil), options: ReportOptions()))
        let partials = try (0..<count).map { index -> (path: String, partial: PartialResult) in
            let shard = Shard(index: index, count: count)!
            let result = try audit(shard)
            return (
                "shard-\(index).json",
                PartialResult(
                    result: result, pathwaySource: source, site: nil, shard: shard, includeCases: false,
                    options: ReportOptions())
            )
        }
        let merged = try PartialMerge.merge(partials)
        #expect(merged.totals.cases == 1_050)
        #expect(merged.totals.rowsRead == 15_214)
        let files = FederationTests.aggregates(try ReportSet.files(for: merged, options: ReportOptions()))
        for (name, bytes) in files { #expect(bytes == single[name], "\(name) differs") }
    }
}
