/// Which columns of a CSV log hold the case id, the activity, the timestamp and the requested
/// attributes, chosen from the header row.
///
/// Columns the user named are used as given; otherwise the usual headers of process-mining
/// exports are tried in a fixed priority (Disco, ProM, pm4py, bupaR), so that the same file
/// always gives the same choice, and the choice is reported in a note.
struct CSVColumns {
    static let caseHeaders = ["case_id", "Case ID", "case:concept:name", "case", "CaseID"]
    static let activityHeaders = ["activity", "Activity", "concept:name", "Activity code", "event"]
    static let timestampHeaders = ["timestamp", "Complete Timestamp", "time:timestamp", "Timestamp"]
    /// Activity-instance logs (bupaR) have a start and a completion time; either will do only
    /// when no column holds a single timestamp.
    static let fallbackTimestampHeaders = ["start_time", "complete_time"]
    /// The header has at most this many columns (a million-column header is not a log).
    static let maximumColumns = 65_536

    let names: [String]
    let caseColumn: Int
    let activityColumn: Int
    let timestampColumn: Int
    /// For each of the requested attribute keys, its column, or nil when the log has none.
    let attributeColumns: [Int?]
    /// For each key, a `case:KEY` column (pm4py writes trace attributes so), or nil: its first
    /// non-empty value in a case's rows is the case-level value (`LogCase.caseValues`).
    let caseAttributeColumns: [Int?]
    /// What was chosen, for the user.
    let notes: [String]

    /// Chooses the columns. `location` is the header row, for errors.
    init(
        names: [String], delimiter: UInt8, options: LogReadOptions, location: SourceLocation
    ) throws(DiagnosticError) {
        self.names = names
        caseColumn = try Self.choose(
            "case id", named: options.caseColumn, candidates: Self.caseHeaders, option: "--case",
            in: names, location: location)
        activityColumn = try Self.choose(
            "activity", named: options.activityColumn, candidates: Self.activityHeaders,
            option: "--activity", in: names, location: location)
        timestampColumn = try Self.choose(
            "timestamp", named: options.timestampColumn,
            candidates: Self.timestampHeaders + Self.fallbackTimestampHeaders,
            option: "--timestamp", in: names, location: location)
        var notes = [
            "columns: case = \"\(names[caseColumn])\", activity = \"\(names[activityColumn])\","
                + " timestamp = \"\(names[timestampColumn])\"; delimiter \(Self.describe(delimiter))"
        ]
        var attributeColumns: [Int?] = []
        var caseAttributeColumns: [Int?] = []
        for key in options.attributeKeys.names {
            let column = Self.column(named: key, in: names)
            let caseColumn = key.hasPrefix("case:") ? nil : Self.column(named: "case:" + key, in: names)
            if column == nil && caseColumn == nil {
                notes.append("the log has no column \"\(key)\": its values are missing")
            }
            attributeColumns.append(column)
            caseAttributeColumns.append(caseColumn)
        }
        self.attributeColumns = attributeColumns
        self.caseAttributeColumns = caseAttributeColumns
        self.notes = notes
    }

    /// `','`, `';'` or `tab`, as the note says it.
    static func describe(_ delimiter: UInt8) -> String {
        delimiter == UInt8(ascii: "\t") ? "tab" : "'\(String(UnicodeScalar(delimiter)))'"
    }

    /// A column by name: the exact name first, then ignoring case and surrounding spaces.
    static func column(named name: String, in names: [String]) -> Int? {
        if let exact = names.firstIndex(of: name) { return exact }
        let wanted = loose(name)
        return names.firstIndex { loose($0) == wanted }
    }

    private static func choose(
        _ role: String, named: String?, candidates: [String], option: String, in names: [String],
        location: SourceLocation
    ) throws(DiagnosticError) -> Int {
        if let named {
            if let column = column(named: named, in: names) { return column }
            throw DiagnosticError(
                .error("the log has no column \"\(named)\"; \(listing(names))", at: location))
        }
        for candidate in candidates {
            if let column = names.firstIndex(of: candidate) { return column }
        }
        for candidate in candidates {
            let wanted = loose(candidate)
            if let column = names.firstIndex(where: { loose($0) == wanted }) { return column }
        }
        let tried = candidates.map { "\"\($0)\"" }.joined(separator: ", ")
        throw DiagnosticError(
            .error(
                "cannot tell which column holds the \(role) (none is called \(tried)): name it with"
                    + " \(option); \(listing(names))", at: location))
    }

    /// `the columns are "a", "b", "c"`, cut short for a very wide header.
    static func listing(_ names: [String]) -> String {
        let shown = names.prefix(40).map { "\"\($0)\"" }.joined(separator: ", ")
        let more = names.count > 40 ? " and \(names.count - 40) more" : ""
        return "the columns are \(shown)\(more)"
    }

    /// Lowercased, without surrounding spaces or tabs.
    private static func loose(_ name: String) -> String {
        var scalars = Substring(name).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars).lowercased()
    }
}

extension CSVColumns {
    /// The header line's end and its most frequent delimiter.
    struct HeaderLine {
        /// Where the first line break outside quotes is, or nil when the bytes do not reach it.
        var end: Int?
        /// Whichever of `,` `;` and tab occurs most often outside quotes (ties in that order;
        /// `,` when none occurs, a one-column file).
        var delimiter: UInt8
    }

    /// Finds the header line as the scanner will read it: a quote opens a quoted name only at
    /// the start of a field (after any of the candidate delimiters, or `given`), and `""` inside
    /// is a quote.
    static func headerLine(_ text: UnsafeRawBufferPointer, given: UInt8?) -> HeaderLine {
        var counts = [0, 0, 0]
        let candidates: [UInt8] =
            given.map { [$0] } ?? [
                UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"),
            ]
        var inQuotes = false
        var atFieldStart = true
        var index = 0
        var end: Int?
        while index < text.count {
            let byte = text[index]
            index += 1
            if inQuotes {
                if byte == CSVScanner.quote {
                    if index < text.count && text[index] == CSVScanner.quote {
                        index += 1
                    } else {
                        inQuotes = false
                    }
                }
                continue
            }
            if byte == CSVScanner.lineFeed {
                end = index - 1
                break
            }
            if let which = candidates.firstIndex(of: byte) {
                counts[which] += 1
                atFieldStart = true
                continue
            }
            inQuotes = byte == CSVScanner.quote && atFieldStart
            atFieldStart = false
        }
        if let given { return HeaderLine(end: end, delimiter: given) }
        let delimiter: UInt8
        if counts[1] > counts[0] && counts[1] >= counts[2] {
            delimiter = UInt8(ascii: ";")
        } else if counts[2] > counts[0] && counts[2] > counts[1] {
            delimiter = UInt8(ascii: "\t")
        } else {
            delimiter = UInt8(ascii: ",")
        }
        return HeaderLine(end: end, delimiter: delimiter)
    }
}
