#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One data row → one event: check the kept fields, then intern them and hand the event to
/// the case assembler.
///
/// Every check comes before any interning, so a rejected row leaves no trace in the symbol
/// table: the ids of a run with `--skip-bad-rows` are those of the same log without the bad
/// rows.
extension CSVReader {
    /// How a timestamp that cannot be read is shown, at most this many bytes of it.
    static let shownTimestampBytes = 100

    /// Reads one scanned row; returns the previous case when this row starts a new one.
    @inline(__always)
    mutating func readRow(
        _ row: CSVScanner.Row, start: Int, line: Int
    ) throws(DiagnosticError) -> LogCase? {
        statistics.rowsRead += 1
        let rowText = start..<row.contentEnd
        let columnCount = self.columnCount
        if row.fieldCount != columnCount {
            try reject(
                "expected \(columnCount) fields as in the header, found \(row.fieldCount)",
                line: line, text: rowText)
            return nil
        }
        if let field = row.textAfterQuoteInField {
            try reject(
                "the field in column \(field + 1) (\"\(columns.names[field])\") has text after its"
                    + " closing quote", line: line, text: rowText)
            return nil
        }
        let text = UnsafePointer(buffer.base)

        // Checks.
        let caseField = scanner.field(columns.caseColumn, in: text)
        if caseField.isEmpty {
            try reject("the case id is empty", line: line, text: rowText)
            return nil
        }
        let isSameCase =
            previousCaseID >= 0 && caseField.count == previousCase.count
            && previousCase.withUnsafeBytes { memcmp($0.baseAddress!, caseField.baseAddress!, $0.count) }
                == 0
        if !isSameCase, let problem = TextCheck.problem(in: caseField) {
            try reject(Self.describe(problem, of: "the case id"), line: line, text: rowText)
            return nil
        }
        let activityField = scanner.field(columns.activityColumn, in: text)
        if activityField.isEmpty {
            try reject("the activity is empty", line: line, text: rowText)
            return nil
        }
        if let problem = TextCheck.problem(in: activityField) {
            try reject(Self.describe(problem, of: "the activity"), line: line, text: rowText)
            return nil
        }
        guard let time = try readTime(line: line, rowText: rowText) else { return nil }
        // Loops by index over flat copies of the column numbers: iterating an array would retain it.
        for key in 0..<values.count {
            if try !isText(column: attributeColumn[key], line: line, rowText: rowText) { return nil }
            if try !isText(column: caseAttributeColumn[key], line: line, rowText: rowText) {
                return nil
            }
        }

        // The row is good: intern.
        let caseID: Int32
        if isSameCase {
            caseID = previousCaseID
        } else {
            caseID = intern(column: columns.caseColumn, text: text)
            previousCase.removeAll(keepingCapacity: true)
            previousCase.append(contentsOf: caseField)
            previousCaseID = caseID
        }
        let activity = intern(column: columns.activityColumn, text: text)
        for key in 0..<values.count {
            values[key] = internValue(column: attributeColumn[key], text: text)
            caseValues[key] = internValue(column: caseAttributeColumn[key], text: text)
        }
        let event = Event(activity: activity, time: time, line: Int32(clamping: line))
        let finished: LogCase?
        do throws(CaseAssembler.NotAdjacent) {
            finished = try assembler.add(
                caseID: caseID, event: event, values: values, caseValues: caseValues)
        } catch {
            throw DiagnosticError(
                .error(
                    "rows of case \"\(symbols.string(error.caseID))\" are not adjacent: they stop on line"
                        + " \(error.previousLine) and start again on line \(error.line)",
                    at: SourceLocation(file: displayName, line: error.line)))
        }
        statistics.noteAccepted(time)
        return finished
    }

    /// The row's timestamp, or nil after rejecting the row.
    @inline(__always)
    private mutating func readTime(
        line: Int, rowText: Range<Int>
    ) throws(DiagnosticError) -> Instant? {
        var field = scanner.field(columns.timestampColumn, in: buffer.base)
        if scanner.fieldQuoting(columns.timestampColumn) == .quotedWithDoubledQuotes {
            field = scratch.unescape(field)
        }
        if let time = timestamps.parse(field) { return time }
        if field.isEmpty {
            try reject("the timestamp is empty", line: line, text: rowText)
        } else {
            let shown = String(
                decoding: UnsafeRawBufferPointer(rebasing: field.prefix(Self.shownTimestampBytes)),
                as: UTF8.self)
            try reject(
                "cannot read the timestamp \"\(shown)\": expected a date and time such as"
                    + " 2014-10-22T11:15:41+02:00 or 2014/10/22 11:15:41", line: line, text: rowText)
        }
        return nil
    }

    /// The symbol of a kept field of the current row, unescaped first if it has doubled quotes.
    @inline(__always)
    private mutating func intern(column: Int, text: UnsafePointer<UInt8>) -> Int32 {
        let field = scanner.field(column, in: text)
        if scanner.fieldQuoting(column) == .quotedWithDoubledQuotes {
            return symbols.intern(scratch.unescape(field))
        }
        return symbols.intern(field)
    }

    /// Whether an attribute value is text (or there is no such column); else rejects the row.
    @inline(__always)
    private mutating func isText(
        column: Int, line: Int, rowText: Range<Int>
    ) throws(DiagnosticError) -> Bool {
        guard column >= 0 else { return true }
        guard let problem = TextCheck.problem(in: scanner.field(column, in: buffer.base)) else {
            return true
        }
        let name = "the value of \"\(columns.names[column])\""
        try reject(Self.describe(problem, of: name), line: line, text: rowText)
        return false
    }

    /// The symbol of an attribute value, or missing for no column or an empty field.
    @inline(__always)
    private mutating func internValue(column: Int, text: UnsafePointer<UInt8>) -> Int32 {
        guard column >= 0 && scanner.ends[column] > scanner.starts[column] else {
            return LogCase.missing
        }
        return intern(column: column, text: text)
    }

    static func describe(_ problem: TextCheck.Problem, of what: String) -> String {
        switch problem {
        case .nulByte: "\(what) contains a NUL byte (is this a binary file?)"
        case .invalidUTF8: "\(what) is not valid UTF-8 text (save the log as UTF-8)"
        }
    }
}
