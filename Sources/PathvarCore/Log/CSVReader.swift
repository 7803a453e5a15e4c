#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a CSV event log (one event per row, a header row naming the columns) case by case.
///
/// The hot path touches each byte once or twice and allocates nothing per row: the scanner
/// finds field boundaries in a large read buffer, the kept fields (case id, activity, the
/// requested attributes) are checked and interned straight from the buffer, the timestamp is
/// parsed from its bytes, and every other column is skipped without being copied.
///
/// A bad row stops the read with `FILE:LINE: error: ...`, or, with `skipBadRows`, is kept in
/// `statistics.rejected` while reading goes on; either way `rowsRead` counts every data row
/// (blank lines are not rows) and equals `rowsAccepted + rowsRejected`.
public struct CSVReader: CaseReader, ~Copyable {
    public internal(set) var symbols: SymbolTable
    public internal(set) var statistics = ReadStatistics()
    public internal(set) var notes: [String]
    /// The log's name in diagnostics: its path, or `<stdin>`.
    public let displayName: String
    /// True once a timestamp without an offset was read (in `LogReadOptions.timeZone`).
    public var sawLocalTime: Bool { timestamps.sawLocalTime }

    let input: LogInput
    var buffer: CSVInputBuffer
    var scanner: CSVScanner
    var scratch: ScratchBytes
    var timestamps: TimestampParser
    var assembler: CaseAssembler
    let columns: CSVColumns
    /// The header's number of columns, and each requested attribute's column (-1 if none).
    let columnCount: Int
    let attributeColumn: [Int]
    /// Each requested attribute's `case:` column (-1 if none).
    let caseAttributeColumn: [Int]
    let skipBadRows: Bool
    /// Where the next row starts in `buffer`, and its line in the file.
    var position: Int
    var line: Int
    var isAtEndOfRows = false
    /// The attribute values of the row being read, one per requested key, on the event and
    /// from `case:` columns.
    var values: [Int32]
    var caseValues: [Int32]
    /// The previous row's case id, bytes and symbol: rows of one case are usually adjacent,
    /// and comparing bytes is cheaper than hashing them again.
    var previousCase: [UInt8] = []
    var previousCaseID: Int32 = -1

    /// The longest raw row text kept for `rejected.csv`.
    static let rejectedTextBytes = 4096

    /// Opens the log at `path` (`-` for standard input) and reads its header row.
    public init(
        path: String, options: LogReadOptions, symbols: SymbolTable
    ) throws(DiagnosticError) {
        try self.init(
            path: path, options: options, symbols: symbols, bufferBytes: CSVInputBuffer.chunkBytes)
    }

    /// `bufferBytes`: the read buffer's first size; tests make it tiny so that rows straddle
    /// refills at every possible byte.
    init(
        path: String, options: LogReadOptions, symbols: SymbolTable, bufferBytes: Int
    ) throws(DiagnosticError) {
        // Everything that can fail comes first: a noncopyable value cannot be left half made.
        let timestamps = try TimestampParser(timeZone: options.timeZone)
        if let delimiter = options.delimiter,
            delimiter == CSVScanner.quote || delimiter == CSVScanner.lineFeed
                || delimiter == CSVScanner.carriageReturn
        {
            throw DiagnosticError(
                .error(
                    "the delimiter cannot be a quote or a line break",
                    at: SourceLocation(file: "<command line>")))
        }

        let source = try ByteSource(path: path)
        let isCompressed = source.isCompressed
        let input = LogInput(source, readAhead: isCompressed)
        let file = input.displayName
        let headerLocation = SourceLocation(file: file, line: 1)
        var buffer = CSVInputBuffer(capacity: bufferBytes)
        var start = 0
        var headerLine: CSVColumns.HeaderLine
        // Read until the header line is complete (it may hold quoted line breaks).
        repeat {
            do {
                _ = try buffer.refill(keepingFrom: 0, from: input)
            } catch {
                throw error.located(at: 1)
            }
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            start = buffer.count >= 3 && (0..<3).allSatisfy { buffer.base[$0] == bom[$0] } ? 3 : 0
            // Until a line feed arrives there is no line to look at (memchr is much faster).
            let hasLineFeed =
                buffer.count > start && memchr(buffer.base + start, 0x0A, buffer.count - start) != nil
            headerLine =
                hasLineFeed || buffer.isAtEnd
                ? CSVColumns.headerLine(
                    UnsafeRawBufferPointer(start: buffer.base + start, count: buffer.count - start),
                    given: options.delimiter)
                : CSVColumns.HeaderLine(end: nil, delimiter: options.delimiter ?? UInt8(ascii: ","))
            if headerLine.end == nil && buffer.count >= CSVInputBuffer.maximumRowBytes {
                throw DiagnosticError(
                    .error(
                        "the header row is longer than \(CSVInputBuffer.maximumRowBytes >> 20) MiB",
                        at: headerLocation))
            }
        } while headerLine.end == nil && !buffer.isAtEnd
        let onlySpace = (start..<buffer.count).allSatisfy {
            [0x20, 0x09, 0x0A, 0x0D].contains(buffer.base[$0])
        }
        if buffer.isAtEnd && onlySpace {
            throw DiagnosticError(.error("the log is empty", at: SourceLocation(file: file)))
        }

        let delimiter = headerLine.delimiter
        let headerScanner = CSVScanner(delimiter: delimiter, capacity: CSVColumns.maximumColumns + 1)
        let header: CSVScanner.Row
        switch headerScanner.scanRow(
            UnsafePointer(buffer.base), from: start, limit: buffer.count, atEnd: true)
        {
        case .row(let row): header = row
        case .needMore, .unterminatedQuote:
            throw DiagnosticError(
                .error("the header row has a quoted name without a closing quote", at: headerLocation))
        }
        guard header.fieldCount <= CSVColumns.maximumColumns else {
            throw DiagnosticError(
                .error(
                    "the header has \(header.fieldCount) columns, more than the"
                        + " \(CSVColumns.maximumColumns) pathvar reads",
                    at: headerLocation))
        }
        if header.contentEnd == start {
            throw DiagnosticError(.error("the header row is empty", at: headerLocation))
        }
        if let column = header.textAfterQuoteInField {
            throw DiagnosticError(
                .error(
                    "the header row's name in column \(column + 1) has text after its closing quote",
                    at: headerLocation))
        }
        var names: [String] = []
        var scratch = ScratchBytes()
        for index in 0..<header.fieldCount {
            var name = headerScanner.field(index, in: buffer.base)
            if headerScanner.fieldQuoting(index) == .quotedWithDoubledQuotes {
                name = scratch.unescape(name)
            }
            if let problem = TextCheck.problem(in: name) {
                let what = problem == .nulByte ? "contains a NUL byte" : "is not valid UTF-8 text"
                throw DiagnosticError(
                    .error(
                        "the header row \(what): is this a CSV log? (it must be UTF-8 text)",
                        at: headerLocation))
            }
            names.append(String(decoding: name, as: UTF8.self))
        }
        let columns = try CSVColumns(
            names: names, delimiter: delimiter, options: options, location: headerLocation)

        self.symbols = symbols
        self.skipBadRows = options.skipBadRows
        self.timestamps = timestamps
        self.assembler = CaseAssembler(
            keyCount: options.attributeKeys.count, holdAllCases: options.holdAllCases)
        self.values = Array(repeating: LogCase.missing, count: options.attributeKeys.count)
        self.caseValues = self.values
        self.columns = columns
        self.columnCount = names.count
        self.attributeColumn = columns.attributeColumns.map { $0 ?? -1 }
        self.caseAttributeColumn = columns.caseAttributeColumns.map { $0 ?? -1 }
        self.notes = columns.notes
        self.displayName = file
        self.scanner = CSVScanner(delimiter: delimiter, capacity: names.count + 1)
        self.position = header.next
        self.line = 2 + header.lineBreaksInside
        self.buffer = buffer
        self.input = input
        self.scratch = scratch
        statistics.bytesRead = self.buffer.totalBytes
    }

    /// The next complete case, events in time order (ties in file order), or nil at the end.
    public mutating func nextCase() throws(DiagnosticError) -> LogCase? {
        while !isAtEndOfRows {
            if position >= buffer.count {
                if buffer.isAtEnd {
                    try finishRows()
                    break
                }
                try refill()
                continue
            }
            switch scanner.scanRow(
                UnsafePointer(buffer.base), from: position, limit: buffer.count, atEnd: buffer.isAtEnd)
            {
            case .row(let row):
                let rowStart = position
                let rowLine = line
                position = row.next
                line += row.lineBreaksInside + 1
                if row.contentEnd == rowStart { continue }  // A blank line is not a row.
                if row.next - rowStart > CSVInputBuffer.maximumRowBytes { throw rowTooLong(at: rowLine) }
                if let finished = try readRow(row, start: rowStart, line: rowLine) { return finished }
            case .needMore:
                if buffer.count - position >= CSVInputBuffer.maximumRowBytes {
                    throw rowTooLong(at: line)
                }
                try refill()
            case .unterminatedQuote(let linesBeforeQuote):
                let rowStart = position
                position = buffer.count
                statistics.rowsRead += 1
                try reject(
                    "the quoted field that starts on line \(line + linesBeforeQuote) has no closing quote",
                    line: line, text: rowStart..<buffer.count)
            }
        }
        return assembler.nextRemaining()
    }

    private func rowTooLong(at line: Int) -> DiagnosticError {
        DiagnosticError(
            .error(
                "the row is longer than \(CSVInputBuffer.maximumRowBytes >> 20) MiB"
                    + " (is a quote left open?)", at: SourceLocation(file: displayName, line: line)))
    }

    /// Reads more of the log, keeping the unfinished row; a gzip error gets the line reached.
    private mutating func refill() throws(DiagnosticError) {
        do {
            position -= try buffer.refill(keepingFrom: position, from: input)
            statistics.bytesRead = buffer.totalBytes
        } catch {
            throw error.located(at: line)
        }
    }

    /// At the end of the rows: an empty log is an error, and so is one whose rows were all bad.
    private mutating func finishRows() throws(DiagnosticError) {
        isAtEndOfRows = true
        if statistics.rowsRead == 0 {
            throw DiagnosticError(.error("the log has no rows", at: SourceLocation(file: displayName)))
        }
        if statistics.rowsAccepted == 0 {
            throw DiagnosticError(
                .error(
                    "the log has no usable rows: all \(statistics.rowsRead) rows were rejected",
                    at: SourceLocation(file: displayName)))
        }
        if timestamps.sawLocalTime {
            notes.append("timestamps without an offset were read as \(timestamps.timeZone) time")
        }
    }

    /// Stops at a bad row, or with `skipBadRows` keeps it for `rejected.csv` and goes on.
    mutating func reject(
        _ reason: String, line: Int, text: Range<Int>
    ) throws(DiagnosticError) {
        guard skipBadRows else {
            throw DiagnosticError(.error(reason, at: SourceLocation(file: displayName, line: line)))
        }
        let kept = UnsafeRawBufferPointer(
            start: buffer.base + text.lowerBound, count: min(text.count, Self.rejectedTextBytes))
        statistics.rejected.append(
            RejectedRow(line: line, reason: reason, raw: String(decoding: kept, as: UTF8.self)))
    }
}

extension DiagnosticError {
    /// The same error, with `line` on diagnostics that have none (a gzip error names no line,
    /// but the reader knows how far it got).
    func located(at line: Int) -> DiagnosticError {
        var located = self
        for index in located.diagnostics.indices where located.diagnostics[index].location.line == 0 {
            located.diagnostics[index].location.line = line
        }
        return located
    }
}
