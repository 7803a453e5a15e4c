import Foundation

/// One audit's aggregates, written with `--partial` so that hospitals can share results
/// without sharing patients, and shards of a large log can be merged exactly.
///
/// JSON, described by `docs/partial-result.schema.json`: the pathway (id, version, the hash
/// of its canonical content, and its source so that the merged report can be rendered), the
/// tool's version, the time zone months were counted in, the grouping, and every aggregate
/// the reports need as plain counts. Case ids and patient-level rows only with
/// `--include-cases`.
public struct PartialResult: Codable, Sendable, Equatable {
    public static let formatName = "pathvar-partial-result"
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    public var toolVersion: String
    public var pathway: PathwayIdentity
    /// The pathway file's text, so that `merge` needs nothing but the partials.
    public var pathwaySource: String
    public var timeZone: String
    public var groupBy: String?
    /// The site label given with `--site`, if any.
    public var site: String?
    /// `INDEX/COUNT` when the audit was one shard of a log.
    public var shard: String?
    public var totals: AuditTotals
    /// Patient-level rows, only with `--include-cases`.
    public var cases: [CaseRows]?

    public struct PathwayIdentity: Codable, Sendable, Equatable {
        public var id: String
        public var version: String
        /// SHA-256 of `Pathway.canonicalText`.
        public var hash: String
    }

    /// A case's rows of `cases.csv` and `deviations.csv`, as written by the audit.
    public struct CaseRows: Codable, Sendable, Equatable {
        public var caseId: String
        public var caseRow: String
        public var deviationRows: [String]
    }

    public init(
        pathway: Pathway, pathwaySource: String, timeZone: String, groupBy: String?, site: String?, shard: String?,
        totals: AuditTotals, cases: [CaseRows]?
    ) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        toolVersion = PathvarVersion.current
        self.pathway = PathwayIdentity(id: pathway.id, version: pathway.version, hash: pathway.canonicalHash)
        self.pathwaySource = pathwaySource
        self.timeZone = timeZone
        self.groupBy = groupBy
        self.site = site
        self.shard = shard
        self.totals = totals
        self.cases = cases
    }

    /// Pretty-printed JSON with sorted keys: the same totals give the same bytes.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain data cannot fail.
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }

    /// Reads a partial result, with a diagnostic naming the file for anything wrong with it.
    public static func read(path: String) throws(DiagnosticError) -> PartialResult {
        let location = SourceLocation(file: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError(.error("cannot read the partial result", at: location))
        }
        struct Header: Decodable {
            var format: String?
            var formatVersion: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == formatName else {
            throw DiagnosticError(
                .error("not a pathvar partial result (written by 'pathvar audit --partial')", at: location))
        }
        guard header.formatVersion == currentFormatVersion else {
            throw DiagnosticError(
                .error(
                    "partial result format version \(header.formatVersion.map(String.init) ?? "?") is not supported; "
                        + "this pathvar reads version \(currentFormatVersion)", at: location))
        }
        do {
            return try JSONDecoder().decode(PartialResult.self, from: data)
        } catch {
            throw DiagnosticError(.error("the partial result is damaged: \(Self.describe(error))", at: location))
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return String(describing: error)
        }
    }
}

extension PartialResult {
    /// The partial result of one audit. Groups are labelled as in the reports (`options.blind`
    /// is refused for partials by the command line: blind the merged report instead).
    public init(
        result: AuditResult, pathwaySource: String, site: String?, shard: Shard?, includeCases: Bool,
        options: ReportOptions
    ) {
        let labels = ReportLabels(result: result, blind: false, caseKey: options.caseKey)
        let totals = AuditTotals(result, groupName: { labels.group($0).text })
        self.init(
            pathway: result.pathway, pathwaySource: pathwaySource, timeZone: result.clock.timeZone,
            groupBy: result.compiled.groupKey.map { result.compiled.keys.names[$0] }, site: site,
            shard: shard?.description, totals: totals,
            cases: includeCases ? CaseReports.caseRows(result, labels: labels) : nil)
    }

    /// Writes the partial result to `path` in one step (a temporary file renamed into place).
    public func write(to path: String) throws(DiagnosticError) {
        try ReportFolder.writeFileAtomically(path, encoded())
    }
}
