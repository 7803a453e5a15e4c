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
