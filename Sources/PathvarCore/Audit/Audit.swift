import Foundation

/// What `pathvar audit` is asked to do.
public struct AuditConfiguration: Sendable {
    public var logPath: String
    /// Overrides the pathway's `group-by` key.
    public var groupBy: String?
    public var read = LogReadOptions()
    /// Worker threads for evaluation (the reader has its own).
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Keep every case's outcome for `cases.csv` and `deviations.csv`. Off (for a partial
    /// result alone), cases are added up as they are read and memory stays bounded.
    public var keepCases = true
    /// Audit only the cases of one shard (`index` from 0 to `count - 1`), chosen by a hash of
    /// the case id, so that shards of one log can be audited apart and merged.
    public var shard: Shard?
    /// Called now and then while the log is read (every batch of cases), for a progress line.
    public var progress: (@Sendable (ReadStatistics) -> Void)?

    public init(logPath: String) { self.logPath = logPath }
}

/// The audit pipeline: pathway → log → match → classify, giving an `AuditResult` that the
/// report stage writes out.
public enum Audit {
    /// Cases handed to a worker at a time: enough to amortise the hand-over, few enough that
    /// the in-flight batches stay small next to the log.
    static let batchEvents = 1 << 16

    public static func run(pathway: Pathway, configuration: AuditConfiguration) throws(DiagnosticError) -> AuditResult {
        var symbols = SymbolTable()
        let compiled = CompiledPathway(pathway, groupBy: configuration.groupBy, symbols: &symbols)
        var options = configuration.read
        for name in compiled.keys.names { options.attributeKeys.index(adding: name) }
        let clock = try ZonedClock(timeZone: options.timeZone)
        let format = options.format ?? LogFormat.guess(fromPath: configuration.logPath) ?? .csv
        // Standard input cannot be read twice, so a CSV from it is held whole from the start.
        if configuration.logPath == "-" && format == .csv { options.holdAllCases = true }
        do {
            return try read(
                format: format, compiled: compiled, symbols: symbols, options: options, configuration: configuration,
                clock: clock)
        } catch let error where !options.holdAllCases && configuration.logPath != "-" && error.isNonAdjacentCases {
            // The export does not keep each case's rows together: read again, holding every
            // case until the end of the file.
            options.holdAllCases = true
            var result = try read(
                format: format, compiled: compiled, symbols: symbols, options: options, configuration: configuration,
                clock: clock)
            result.notes.insert("\(error.diagnostics[0].description); read again holding all cases in memory", at: 0)
            return result
        }
    }

    private static func read(
        format: LogFormat, compiled: CompiledPathway, symbols: SymbolTable, options: LogReadOptions,
        configuration: AuditConfiguration, clock: ZonedClock
    ) throws(DiagnosticError) -> AuditResult {
        switch format {
        case .csv:
            var reader = try CSVReader(path: configuration.logPath, options: options, symbols: symbols)
            return try evaluate(
                reader: &reader, compiled: compiled, threads: configuration.threads, clock: clock,
                logName: configuration.logPath, shard: configuration.shard, keepCases: configuration.keepCases,
                progress: configuration.progress)
        case .xes:
            var reader = try XESReader(path: configuration.logPath, options: options, symbols: symbols)
            return try evaluate(
                reader: &reader, compiled: compiled, threads: configuration.threads, clock: clock,
                logName: configuration.logPath, shard: configuration.shard, keepCases: configuration.keepCases,
                progress: configuration.progress)
        }
    }

    /// Reads every case and evaluates it, on all cores, keeping outcomes in case-id order.
    public static func evaluate<Reader: CaseReader & ~Copyable>(
        reader: inout Reader, compiled: CompiledPathway, threads: Int, clock: ZonedClock, logName: String = "log",
        shard: Shard? = nil, keepCases: Bool = true, progress: (@Sendable (ReadStatistics) -> Void)? = nil
    ) throws(DiagnosticError) -> AuditResult {
        let workers = CaseBatchEvaluator(compiled: compiled, clock: clock, threads: threads, keepOutcomes: keepCases)
        var batch: [LogCase] = []
        var eventsInBatch = 0
        var shardStatistics = ReadStatistics()
        do {
            while let logCase = try reader.nextCase() {
                if let shard {
                    let hash = reader.symbols.withBytes(logCase.id) { Shard.hash($0) }
                    guard hash % UInt64(shard.count) == UInt64(shard.index) else { continue }
                    for event in logCase.events { shardStatistics.noteAccepted(event.time) }
                }
                eventsInBatch += logCase.events.count
                batch.append(logCase)
                if eventsInBatch >= Self.batchEvents {
                    progress?(reader.statistics)
                    workers.submit(batch)
                    batch = []
                    eventsInBatch = 0
                }
            }
        } catch {
            _ = workers.finish()
            throw error
        }
        workers.submit(batch)
        let (outcomes, timings, tally) = workers.finish()
        var statistics = reader.statistics
        if let shard {
            // Each shard counts the rows of its own cases; rows rejected before they could be
            // given to a case are counted once, by shard 0, so that shards add up to the log.
            shardStatistics.rejected = shard.index == 0 ? statistics.rejected : []
            shardStatistics.rowsRead = shardStatistics.rowsAccepted + shardStatistics.rowsRejected
            shardStatistics.bytesRead = statistics.bytesRead
            guard statistics.rowsAccepted > 0 else {
                throw DiagnosticError(
                    .error("the log has no usable rows (\(statistics.summary))", at: SourceLocation(file: logName)))
            }
            statistics = shardStatistics
        }
        guard statistics.rowsAccepted > 0 || shard != nil else {
            throw DiagnosticError(
                .error(
                    statistics.rowsRead == 0
                        ? "the log has no events" : "the log has no usable rows (\(statistics.summary))",
                    at: SourceLocation(file: logName)))
        }
        let result = AuditResult(
            compiled: compiled, symbols: reader.symbols,
            outcomes: CaseOrder.sorted(outcomes, symbols: reader.symbols), timings: timings, statistics: statistics,
            notes: reader.notes, clock: clock, tally: tally)
        return result
    }
}

/// One of `count` parts of a log, split by a hash of the case id.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `INDEX/COUNT`, INDEX from 0 (as Kubernetes and Slurm number their tasks).
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// FNV-1a, 64 bits: the same shard for the same case id on every machine and run.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension DiagnosticError {
    /// The reader's signal that a CSV export's rows of one case are not adjacent.
    var isNonAdjacentCases: Bool {
        diagnostics.count == 1 && diagnostics[0].message.hasPrefix("rows of case")
            && diagnostics[0].message.contains("are not adjacent")
    }
}
