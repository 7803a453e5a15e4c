/// Merges partial results of one pathway into the totals a single audit of all their cases
/// would have given.
public enum PartialMerge {
    public struct Merged: Sendable {
        public var pathway: Pathway
        public var totals: AuditTotals
        public var timeZone: String
        /// Whether groups are sites (every partial had `--site`).
        public var groupsAreSites: Bool
        /// Case rows when every partial included them, in case order.
        public var cases: [PartialResult.CaseRows]?
        public var sources: Int
    }

    /// Checks that the partials belong together and adds them up. `bySite`: compare sites
    /// as groups (nil: when every partial names a site).
    public static func merge(_ partials: [(path: String, partial: PartialResult)], bySite: Bool? = nil)
        throws(DiagnosticError) -> Merged
    {
        guard let (firstPath, first) = partials.first else {
            throw DiagnosticError(
                .error("nothing to merge: give at least one partial result", at: SourceLocation(file: "merge")))
        }
        for (path, partial) in partials.dropFirst() {
            let location = SourceLocation(file: path)
            if partial.pathway.id != first.pathway.id {
                throw DiagnosticError(
                    .error(
                        "this partial is for pathway '\(partial.pathway.id)', but \(firstPath) is for '\(first.pathway.id)'; "
                            + "merge partials of one pathway only", at: location))
            }
            if partial.pathway.version != first.pathway.version {
                throw DiagnosticError(
                    .error(
                        "this partial is for '\(partial.pathway.id)' version \(partial.pathway.version), but \(firstPath) "
                            + "is for version \(first.pathway.version); audit every site with the same version",
                        at: location))
            }
            if partial.pathway.hash != first.pathway.hash {
                throw DiagnosticError(
                    .error(
                        "this partial's pathway '\(partial.pathway.id)' version \(partial.pathway.version) differs in content "
                            + "from \(firstPath)'s (hash \(partial.pathway.hash.prefix(12)) against "
                            + "\(first.pathway.hash.prefix(12))): the pathway changed without a new version",
                        at: location))
            }
            if partial.timeZone != first.timeZone {
                throw DiagnosticError(
                    .error(
                        "this partial counted months in \(partial.timeZone), \(firstPath) in \(first.timeZone); "
                            + "audit every site with the same --timezone", at: location))
            }
        }
        let sites = partials.map(\.partial.site)
        let useSites = bySite ?? sites.allSatisfy { $0 != nil }
        if !useSites {
            for (path, partial) in partials.dropFirst() where partial.groupBy != first.groupBy {
                throw DiagnosticError(
                    .error(
                        "this partial groups by '\(partial.groupBy ?? "nothing")', \(firstPath) by '\(first.groupBy ?? "nothing")'; "
                            + "use the same --group-by, or --site to compare sites", at: SourceLocation(file: path)))
            }
        } else if let (path, _) = partials.first(where: { $0.partial.site == nil }) {
            throw DiagnosticError(
                .error(
                    "to compare sites, every partial needs a site label: audit it with --site NAME",
                    at: SourceLocation(file: path)))
        }
        let parsed = PathwayParser.parse(
            bytes: Array(first.pathwaySource.utf8), file: firstPath + " (pathway)", today: nil)
        guard let pathway = parsed.pathway, pathway.canonicalHash == first.pathway.hash else {
            throw DiagnosticError(
                .error(
                    "the pathway stored in this partial does not match its own hash; the file was altered",
                    at: SourceLocation(file: firstPath)))
        }
        var symbols = SymbolTable()
        var totals = AuditTotals(compiled: CompiledPathway(pathway, symbols: &symbols))
        for (path, partial) in partials {
            guard partial.totals.elements.map(\.id) == totals.elements.map(\.id),
                partial.totals.choices.map(\.id) == totals.choices.map(\.id)
            else {
                throw DiagnosticError(
                    .error(
                        "the totals do not fit the pathway's elements; the file was altered",
                        at: SourceLocation(file: path)))
            }
            totals.add(useSites ? partial.totals.regrouped(as: partial.site!) : partial.totals)
        }
        var cases: [PartialResult.CaseRows]?
        if partials.allSatisfy({ $0.partial.cases != nil }) {
            let all = partials.flatMap { $0.partial.cases! }
            let keys = all.map { Array($0.caseId.utf8) }
            cases = all.indices.sorted { a, b in
                let order = CaseOrder.compare(keys[a], keys[b])
                return order != 0 ? order < 0 : a < b
            }.map { all[$0] }
        }
        return Merged(
            pathway: pathway, totals: totals, timeZone: first.timeZone, groupsAreSites: useSites, cases: cases,
            sources: partials.count)
    }
}
