/// Writes every report of an audit into a folder, all or nothing.
public enum ReportSet {
    /// The files written, in the order they are written.
    public static func files(for result: AuditResult, includeRejected: Bool) -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = [
            ("cases.csv", CaseReports.casesCSV(result)),
            ("deviations.csv", CaseReports.deviationsCSV(result)),
        ]
        if includeRejected { files.append(("rejected.csv", CaseReports.rejectedCSV(result.statistics))) }
        return files
    }

    /// Writes the reports to `destination`, replacing what was there only once all are written.
    public static func write(_ result: AuditResult, to destination: String, includeRejected: Bool)
        throws(DiagnosticError)
    {
        var folder = try ReportFolder(destination: destination)
        do {
            for file in files(for: result, includeRejected: includeRejected) {
                try folder.write(file.name, file.bytes)
            }
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }
}
