import Foundation

/// `pathvar demo`: a synthetic log for the bundled sepsis pathway, audited into
/// `reports/demo/`, so that anyone can see every report without patient data.
public enum Demo {
    public static let cases = 2_000
    public static let seed: UInt64 = 2_024

    /// Generates the log, audits it and writes the reports to `destination`. `today` decides
    /// the review-date warning (fixed in the test that keeps `reports/demo/` current).
    public static func run(pathwayPath: String, destination: String, today: CalendarDate?, threads: Int? = nil)
        throws(DiagnosticError) -> AuditResult
    {
        let pathway = try PathwayParser.loadChecked(path: pathwayPath, today: today).0
        let logPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("pathvar-demo-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).csv").path
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        try SyntheticLog(pathway: pathway, cases: cases, seed: seed).write(to: logPath, format: .csv)
        var configuration = AuditConfiguration(logPath: logPath)
        if let threads { configuration.threads = threads }
        let result = try Audit.run(pathway: pathway, configuration: configuration)
        var options = ReportOptions()
        options.today = today
        options.logName = "synthetic log of \(cases) cases for \(pathway.id) (pathvar synth, seed \(seed))"
        try ReportSet.write(result, to: destination, options: options)
        return result
    }
}
