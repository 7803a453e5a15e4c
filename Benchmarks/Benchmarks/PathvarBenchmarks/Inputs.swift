import Foundation
import PathvarCore

/// The benchmark inputs: the pathways from the repository and synthetic logs made from them,
/// written once into `Benchmarks/data/` (or `$PATHVAR_BENCH_DATA`) and reused by later runs.
final class Inputs: @unchecked Sendable {
    static let shared = Inputs()

    struct Size: Sendable {
        var events: Int
        var label: String
    }

    /// 1 million and 10 million events; `PATHVAR_BENCH_SIZES=1M` runs the small size only.
    static var sizes: [Size] {
        let all = [Size(events: 1_000_000, label: "1M"), Size(events: 10_000_000, label: "10M")]
        guard let wanted = ProcessInfo.processInfo.environment["PATHVAR_BENCH_SIZES"] else { return all }
        let labels = Set(wanted.split(separator: ",").map(String.init))
        return all.filter { labels.contains($0.label) }
    }

    enum Which: String {
        /// `pathways/sepsis-ed.xml`, the main example (about 10.3 events per case).
        case sepsis = "sepsis-ed"
        /// `pathways/cvc-insertion.xml`, exactly 12 elements: the matching benchmark's pathway.
        case cvc = "cvc-insertion"
    }

    /// `Benchmarks/` (this file is `Benchmarks/Benchmarks/PathvarBenchmarks/Inputs.swift`).
    static let packageFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryFolder = packageFolder.deletingLastPathComponent()
    static let dataFolder: URL = {
        if let path = ProcessInfo.processInfo.environment["PATHVAR_BENCH_DATA"] {
            return URL(fileURLWithPath: path)
        }
        return packageFolder.appendingPathComponent("data")
    }()

    let sepsis: Pathway
    let sepsisSymbols: SymbolTable
    let sepsisKeys: AttributeKeys
    let cvc: Pathway
    let cvcCompiled: CompiledPathway
    let cvcSymbols: SymbolTable

    private let lock = NSLock()
    private var loadedEvents = 0
    private(set) var matchingCases: [LogCase] = []

    private init() {
        sepsis = Inputs.loadPathway(.sepsis)
        var symbols = SymbolTable()
        let compiled = CompiledPathway(sepsis, symbols: &symbols)
        sepsisSymbols = symbols
        sepsisKeys = compiled.keys
        cvc = Inputs.loadPathway(.cvc)
        var cvcTable = SymbolTable()
        cvcCompiled = CompiledPathway(cvc, symbols: &cvcTable)
        cvcSymbols = cvcTable
        precondition(cvcCompiled.elements.count == 12, "cvc-insertion.xml should have 12 elements")
    }

    static func loadPathway(_ which: Which) -> Pathway {
        let path = repositoryFolder.appendingPathComponent("pathways/\(which.rawValue).xml").path
        do {
            return try PathwayParser.loadChecked(path: path, today: CalendarDate(year: 2026, month: 1, day: 1)).0
        } catch {
            fatalError("loading \(path): \(error)")
        }
    }

    func pathway(_ which: Which) -> Pathway { which == .sepsis ? sepsis : cvc }

    /// The synthetic log of about `events` events for a pathway, written if missing.
    func file(_ format: LogFormat, pathway which: Which, events: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        let name = "\(which.rawValue)-\(events / 1_000_000)M.\(format.rawValue)"
        let url = Inputs.dataFolder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: url.path) { return url.path }
        do {
            try FileManager.default.createDirectory(at: Inputs.dataFolder, withIntermediateDirectories: true)
        } catch {
            fatalError("creating \(Inputs.dataFolder.path): \(error)")
        }
        let log = SyntheticLog(pathway: pathway(which), cases: Inputs.cases(for: events, pathway: pathway(which)))
        let partial = url.path + ".partial"
        do {
            let written = try log.write(to: partial, format: format)
            try FileManager.default.moveItem(atPath: partial, toPath: url.path)
            print("generated \(url.path): \(log.cases) cases, \(written) events")
        } catch {
            fatalError("generating \(url.path): \(error)")
        }
        return url.path
    }

    /// Cases for about `events` events, from the mean of the first 20,000 synthetic cases.
    static func cases(for events: Int, pathway: Pathway) -> Int {
        let sample = SyntheticLog(pathway: pathway, cases: 20_000)
        var total = 0
        for index in 0..<sample.cases { total += sample.events(ofCase: index).count }
        return Int((Double(events) * Double(sample.cases) / Double(total)).rounded())
    }

    /// Reads the cvc-insertion log of about `events` events into `matchingCases` (unmeasured).
    func loadMatchingCases(events: Int) {
        let path = file(.csv, pathway: .cvc, events: events)
        lock.lock()
        defer { lock.unlock() }
        if loadedEvents == events { return }
        matchingCases = []
        var options = LogReadOptions()
        options.format = .csv
        options.attributeKeys = cvcCompiled.keys
        do {
            var reader = try CSVReader(path: path, options: options, symbols: cvcSymbols)
            while let logCase = try reader.nextCase() { matchingCases.append(logCase) }
        } catch {
            fatalError("reading \(path): \(error)")
        }
        loadedEvents = events
    }
}
