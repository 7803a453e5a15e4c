extension Audit {
    /// Reads the log until `caseId` and explains that one case against the pathway; nil when
    /// the log has no such case.
    public static func explain(caseId: String, pathway: Pathway, configuration: AuditConfiguration)
        throws(DiagnosticError) -> String?
    {
        var symbols = SymbolTable()
        let compiled = CompiledPathway(pathway, groupBy: configuration.groupBy, symbols: &symbols)
        let wanted = symbols.intern(caseId)
        var options = configuration.read
        for name in compiled.keys.names { options.attributeKeys.index(adding: name) }
        // The case's rows may be anywhere in an export, so hold them all.
        options.holdAllCases = LogFormat.guess(fromPath: configuration.logPath) != .xes && options.format != .xes
        let clock = try ZonedClock(timeZone: options.timeZone)
        let format = options.format ?? LogFormat.guess(fromPath: configuration.logPath) ?? .csv
        var found: LogCase?
        var finalSymbols = symbols
        switch format {
        case .csv:
            var reader = try CSVReader(path: configuration.logPath, options: options, symbols: symbols)
            while found == nil, let logCase = try reader.nextCase() {
                if logCase.id == wanted { found = logCase }
            }
            finalSymbols = reader.symbols
        case .xes:
            var reader = try XESReader(path: configuration.logPath, options: options, symbols: symbols)
            while found == nil, let logCase = try reader.nextCase() {
                if logCase.id == wanted { found = logCase }
            }
            finalSymbols = reader.symbols
        }
        guard let found else { return nil }
        var evaluator = CaseEvaluator(compiled)
        let outcome = evaluator.evaluate(found)
        return CaseExplanation(compiled: compiled, symbols: finalSymbols, clock: clock).text(
            for: found, outcome: outcome)
    }
}
