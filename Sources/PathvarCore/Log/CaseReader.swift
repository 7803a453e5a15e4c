/// The two log formats pathvar reads.
public enum LogFormat: String, Sendable, CaseIterable {
    /// Comma-, semicolon- or tab-separated values with a header row (RFC 4180).
    case csv
    /// IEEE 1849 eXtensible Event Stream, as process-mining tools exchange logs.
    case xes

    /// The format a file name suggests (`.csv`, `.tsv`, `.xes`, each optionally `.gz`), or nil.
    public static func guess(fromPath path: String) -> LogFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".xes") || name.hasSuffix(".xml") { return .xes }
        if name.hasSuffix(".csv") || name.hasSuffix(".tsv") || name.hasSuffix(".txt") { return .csv }
        return nil
    }
}

/// What a run asks of the log reader: which columns, which attributes, which time zone,
/// and what to do with a bad row.
public struct LogReadOptions: Sendable {
    public var format: LogFormat?
    /// `,`, `;` or tab; nil to detect from the header row.
    public var delimiter: UInt8?
    public var caseColumn: String?
    public var activityColumn: String?
    public var timestampColumn: String?
    /// The attributes the pathway and the command line need; everything else is skipped.
    public var attributeKeys = AttributeKeys()
    /// IANA name of the zone that timestamps without an offset are read in.
    public var timeZone = "UTC"
    /// Skip bad rows (kept in `ReadStatistics.rejected`) instead of stopping at the first.
    public var skipBadRows = false
    /// Hold every case until the end of the log, for CSV exports whose rows of one case
    /// are not adjacent. Without it, a case is handed on as soon as its rows end.
    public var holdAllCases = false

    public init() {}
}

/// Reads a log one complete case at a time, so that memory stays bounded by the largest
/// case rather than the file.
///
/// Strings are interned into `symbols`, which the caller seeds (with the pathway's activity
/// labels, so that their ids are small and fixed) and reads back when writing reports.
public protocol CaseReader: ~Copyable {
    /// The next complete case, events in time order, or nil at the end of the log.
    mutating func nextCase() throws(DiagnosticError) -> LogCase?
    var symbols: SymbolTable { get }
    var statistics: ReadStatistics { get }
    /// Things the user should know, for stderr: the columns chosen, the time zone assumed.
    var notes: [String] { get }
}
