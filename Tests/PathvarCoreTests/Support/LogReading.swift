import CZlib
import Foundation

@testable import PathvarCore

/// Everything a read gave, copied out of the noncopyable reader.
struct ReadLog {
    var cases: [LogCase]
    var symbols: SymbolTable
    var statistics: ReadStatistics
    var notes: [String]

    /// `case: activity@line activity@line …` per case, for compact expectations.
    var outline: [String] {
        cases.map { logCase in
            symbols.string(logCase.id) + ": "
                + logCase.events.map { "\(symbols.string($0.activity))@\($0.line)" }.joined(
                    separator: " ")
        }
    }

    /// The values of attribute `key` on each event of case `index`, "-" where missing.
    func values(case index: Int, key: Int) -> [String] {
        let logCase = cases[index]
        return logCase.events.indices.map { event in
            let value = logCase.value(event: event, key: key)
            return value == LogCase.missing ? "-" : symbols.string(value)
        }
    }
}

/// Reads a whole CSV log.
func readCSV(
    _ path: String, bufferBytes: Int? = nil, symbols: SymbolTable = SymbolTable(),
    _ configure: (inout LogReadOptions) -> Void = { _ in }
) throws(DiagnosticError) -> ReadLog {
    var options = LogReadOptions()
    configure(&options)
    var reader =
        if let bufferBytes {
            try CSVReader(path: path, options: options, symbols: symbols, bufferBytes: bufferBytes)
        } else {
            try CSVReader(path: path, options: options, symbols: symbols)
        }
    var cases: [LogCase] = []
    while let next = try reader.nextCase() { cases.append(next) }
    return ReadLog(
        cases: cases, symbols: reader.symbols, statistics: reader.statistics, notes: reader.notes)
}

/// The error a read throws, as printed (`FILE:LINE: error: message`), or nil if it succeeds.
func csvError(
    _ path: String, bufferBytes: Int? = nil, _ configure: (inout LogReadOptions) -> Void = { _ in }
) -> String? {
    do {
        _ = try readCSV(path, bufferBytes: bufferBytes, configure)
        return nil
    } catch {
        return error.description
    }
}

/// gzip-compresses `bytes` as one member (what `gzip -c` writes).
func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    // 16 + 15 window bits: a gzip header and trailer.
    let status = deflateInit2_(
        &stream, 9, Z_DEFLATED, 16 + 15, 9, Z_DEFAULT_STRATEGY, zlibVersion(),
        Int32(MemoryLayout<z_stream>.size))
    precondition(status == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = UInt32(outputBuffer.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return outputBuffer.count - Int(stream.avail_out)
        }
    }
    return Array(output.prefix(produced))
}
