import Benchmark
import Foundation
import PathvarCore

// pathvar's benchmark suite (issue #6): reading CSV and XES logs into cases, matching cases
// already in memory against a 12-element pathway, and the whole audit with every report
// written. Inputs are synthetic logs made by `SyntheticLog`, generated on first use into
// `Benchmarks/data/` (ignored by git) and reused afterwards.
//
// Metrics: wall clock, mallocs (total), peak resident memory, and throughput as two custom
// metrics: `events/s` (events handed out in cases, or evaluated, per second of wall clock) and,
// for the readers and the audit, `MB/s` (raw file bytes per second, 1 MB = 10^6 bytes). The
// harness's own `throughput` (iterations per second) says nothing for a benchmark that runs 3
// to 5 iterations of a second or more, so it is left out.

// Names have no spaces or slashes: `thresholds update` writes `Thresholds/<target>.<name>.p90.json`
// with spaces and slashes turned into `_`, but `thresholds check` (benchmark 1.38.1) looks the
// file up under the name as it is, so a name with a space never finds its thresholds.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, Rate.events, Rate.megabytes],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5),
        maxIterations: 5,
        // A regression is a median more than 10% worse than the stored thresholds (see README.md).
        thresholds: Thresholds.all
    )

    for size in Inputs.sizes {
        let label = size.label
        Benchmark("CSV-read-\(label)-events", configuration: big(size)) { benchmark in
            let input = Inputs.shared.file(.csv, pathway: .sepsis, events: size.events)
            measured(benchmark) { readAll(input, format: .csv, keys: Inputs.shared.sepsisKeys) }
        }

        Benchmark("XES-read-\(label)-events", configuration: big(size)) { benchmark in
            let input = Inputs.shared.file(.xes, pathway: .sepsis, events: size.events)
            measured(benchmark) { readAll(input, format: .xes, keys: Inputs.shared.sepsisKeys) }
        }

        for threads in [1, 2] {
            Benchmark(
                "Match-\(label)-events-12-elements-\(threads)-thread\(threads == 1 ? "" : "s")",
                configuration: big(size, setup: { Inputs.shared.loadMatchingCases(events: size.events) })
            ) { benchmark in
                let cases = Inputs.shared.matchingCases
                let compiled = Inputs.shared.cvcCompiled
                measured(benchmark) { (evaluateAll(cases, compiled: compiled, threads: threads), nil) }
            }
        }

        Benchmark("Audit-CSV-\(label)-events-all-reports", configuration: big(size)) { benchmark in
            let input = Inputs.shared.file(.csv, pathway: .sepsis, events: size.events)
            let destination = temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: destination) }
            measured(benchmark) { audit(input, pathway: Inputs.shared.sepsis, to: destination) }
        }
    }
}

// MARK: - Metrics and thresholds

enum Rate {
    static let events = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
    static let megabytes = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
}

enum Thresholds {
    /// 10% worse (the polarity of each metric decides which way is worse) on the median, when
    /// comparing two baselines, and on p90, which is what `thresholds check` compares with the
    /// stored static thresholds in `Benchmarks/Thresholds/`.
    static var tenPercent: BenchmarkThresholds { BenchmarkThresholds(relative: [.p50: 10.0, .p90: 10.0]) }
    static var all: [BenchmarkMetric: BenchmarkThresholds] {
        [
            .wallClock: tenPercent, .mallocCountTotal: tenPercent,
            .peakMemoryResident: tenPercent, Rate.events: tenPercent, Rate.megabytes: tenPercent,
        ]
    }
}

/// Large inputs: few iterations, time for them; the smaller size a few more.
func big(_ size: Inputs.Size, setup: (@Sendable () async throws -> Void)? = nil) -> Benchmark.Configuration {
    var configuration = Benchmark.defaultConfiguration
    configuration.maxIterations = size.events >= 10_000_000 ? 3 : 5
    configuration.maxDuration = .seconds(size.events >= 10_000_000 ? 30 : 5)
    configuration.warmupIterations = 1
    configuration.setup = setup
    return configuration
}

/// Measures `work` (between the harness's start and stop) and records its rates.
func measured(_ benchmark: Benchmark, _ work: () -> (events: Int, bytes: Int?)) {
    let clock = ContinuousClock()
    benchmark.startMeasurement()
    let start = clock.now
    let (events, bytes) = work()
    let elapsed = clock.now - start
    benchmark.stopMeasurement()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    guard seconds > 0 else { return }
    benchmark.measurement(Rate.events, Int((Double(events) / seconds).rounded()))
    if let bytes { benchmark.measurement(Rate.megabytes, Int((Double(bytes) / seconds / 1e6).rounded())) }
}

// MARK: - The measured work

/// Reads every case of `path`, reading the attributes the audit reads; returns events and bytes.
func readAll(_ path: String, format: LogFormat, keys: AttributeKeys) -> (events: Int, bytes: Int?) {
    var options = LogReadOptions()
    options.format = format
    options.attributeKeys = keys
    var events = 0
    do {
        switch format {
        case .csv:
            var reader = try CSVReader(path: path, options: options, symbols: Inputs.shared.sepsisSymbols)
            while let logCase = try reader.nextCase() { events += logCase.events.count }
            return (events, fileSize(path))
        case .xes:
            var reader = try XESReader(path: path, options: options, symbols: Inputs.shared.sepsisSymbols)
            while let logCase = try reader.nextCase() { events += logCase.events.count }
            return (events, fileSize(path))
        }
    } catch {
        fatalError("reading \(path): \(error)")
    }
}

/// Evaluates every case, the array split into `threads` contiguous parts, one evaluator each.
func evaluateAll(_ cases: [LogCase], compiled: CompiledPathway, threads: Int) -> Int {
    let parts = max(1, threads)
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: parts)
    counts.initialize(repeating: 0)
    defer { counts.deallocate() }
    let slice = (cases.count + parts - 1) / parts
    let box = UncheckedBox(counts)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
        var evaluator = CaseEvaluator(compiled)
        var events = 0
        var deviations = 0
        let range = min(cases.count, part * slice)..<min(cases.count, (part + 1) * slice)
        for index in range {
            let outcome = evaluator.evaluate(cases[index])
            events += outcome.eventCount
            deviations &+= outcome.deviations.count
        }
        blackHole(deviations)
        box.value[part] = events
    }
    return counts.reduce(0, +)
}

struct UncheckedBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

func temporaryFolder() -> String {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("pathvar-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        .path
}

/// The whole audit as `pathvar audit` does it: read and evaluate on all cores, then every
/// report rendered and written to `destination` (a temporary folder, removed unmeasured).
func audit(_ path: String, pathway: Pathway, to destination: String) -> (events: Int, bytes: Int?) {
    var configuration = AuditConfiguration(logPath: path)
    configuration.read.format = LogFormat.guess(fromPath: path)
    var options = ReportOptions()
    options.logName = (path as NSString).lastPathComponent
    options.today = CalendarDate(year: 2026, month: 1, day: 1)
    do {
        let result = try Audit.run(pathway: pathway, configuration: configuration)
        try ReportSet.write(result, to: destination, options: options)
        return (result.statistics.rowsAccepted, fileSize(path))
    } catch {
        fatalError("auditing \(path): \(error)")
    }
}

/// The size of the file itself, following a symbolic link (`PATHVAR_BENCH_DATA` may hold links).
func fileSize(_ path: String) -> Int {
    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    return ((try? FileManager.default.attributesOfItem(atPath: resolved))?[.size] as? NSNumber)?.intValue ?? 0
}
