import ArgumentParser
import PathvarCore

/// The options that say how to read a log, shared by `audit` and `explain`.
struct LogOptions: ParsableArguments {
    @Option(name: .long, help: "The event log: CSV or XES, optionally .gz; - for standard input.")
    var log: String

    @Option(help: "The log's format when its name does not say (csv or xes).")
    var format: String?

    @Option(help: "CSV delimiter: ',', ';' or 'tab' (default: detected from the header).")
    var delimiter: String?

    @Option(name: .customLong("case"), help: "CSV column holding the case id.")
    var caseColumn: String?

    @Option(name: .customLong("activity"), help: "CSV column holding the activity.")
    var activityColumn: String?

    @Option(name: .customLong("timestamp"), help: "CSV column holding the timestamp.")
    var timestampColumn: String?

    @Option(help: "IANA time zone for timestamps without an offset, and for report times.")
    var timezone = "UTC"

    @Flag(help: "Skip bad rows (listed in rejected.csv) instead of stopping at the first.")
    var skipBadRows = false

    func readOptions() throws -> LogReadOptions {
        var options = LogReadOptions()
        options.caseColumn = caseColumn
        options.activityColumn = activityColumn
        options.timestampColumn = timestampColumn
        options.timeZone = timezone
        options.skipBadRows = skipBadRows
        if let format {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ValidationError("--format must be csv or xes, not '\(format)'")
            }
            options.format = parsed
        }
        if let delimiter {
            switch delimiter {
            case ",", "comma": options.delimiter = UInt8(ascii: ",")
            case ";", "semicolon": options.delimiter = UInt8(ascii: ";")
            case "tab", "\\t", "\t": options.delimiter = 0x09
            default: throw ValidationError("--delimiter must be ',', ';' or 'tab', not '\(delimiter)'")
            }
        }
        return options
    }
}
