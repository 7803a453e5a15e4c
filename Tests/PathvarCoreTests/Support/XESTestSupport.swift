import Foundation

@testable import PathvarCore

/// Everything an `XESReader` gave for one log.
struct XESReadResult {
    var cases: [LogCase]
    var symbols: SymbolTable
    var statistics: ReadStatistics
    var notes: [String]

    func name(_ id: Int32) -> String { symbols.string(id) }

    /// The activities of a case, in the order the reader gave them.
    func activities(_ logCase: LogCase) -> [String] { logCase.events.map { name($0.activity) } }

    func value(_ logCase: LogCase, event: Int, key: Int) -> String? {
        let id = logCase.value(event: event, key: key)
        return id == LogCase.missing ? nil : name(id)
    }
}

enum XESTestSupport {
    static func options(keys: [String] = [], skipBadRows: Bool = false) -> LogReadOptions {
        var options = LogReadOptions()
        options.format = .xes
        options.attributeKeys = AttributeKeys(keys)
        options.skipBadRows = skipBadRows
        return options
    }

    /// Reads the whole log at `path`.
    static func read(
        _ path: String, keys: [String] = [], skipBadRows: Bool = false, symbols: SymbolTable = SymbolTable()
    ) throws(DiagnosticError) -> XESReadResult {
        var reader = try XESReader(
            path: path, options: options(keys: keys, skipBadRows: skipBadRows), symbols: symbols)
        var cases: [LogCase] = []
        while let next = try reader.nextCase() { cases.append(next) }
        return XESReadResult(
            cases: cases, symbols: reader.symbols, statistics: reader.statistics, notes: reader.notes)
    }

    /// The error reading `path` stops with, or nil when it reads without one.
    static func firstError(_ path: String, skipBadRows: Bool = false) -> Diagnostic? {
        do {
            _ = try read(path, skipBadRows: skipBadRows)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }
}

/// A small deterministic random generator, so that a failing fuzz case can be repeated.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
