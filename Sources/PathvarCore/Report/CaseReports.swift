import Dispatch
import Foundation

/// `cases.csv` and `deviations.csv`: one row per case and one row per deviation, for the
/// analyst who loads them into other tools and for the lead who asks "why this patient?".
///
/// These are the two large files (a row per case of a log of millions of events), so they
/// are written in chunks of cases on all cores, with every fixed field encoded once.
public enum CaseReports {
    public static let casesHeader = [
        "case_id", "in_cohort", "group", "entry_time", "events", "deviations", "unwarranted", "warranted",
        "unassessed", "conformant",
    ]

    public static let deviationsHeader = [
        "case_id", "group", "stage", "element", "mode", "kind", "class", "reason", "category", "expected", "observed",
        "time",
    ]

    public static func casesCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        collect { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in
            try casesCSV(result, labels: labels, emit: emit)
        }
    }

    public static func deviationsCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        collect { (emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) in
            try deviationsCSV(result, labels: labels, emit: emit)
        }
    }

    /// `cases.csv`, handed to `emit` piece by piece in file order.
    public static func casesCSV(
        _ result: AuditResult, labels: ReportLabels, emit: ([UInt8]) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) {
        let compiled = result.compiled
        let header = casesHeader + compiled.choiceElements.map { "choice:\(compiled.elements[$0].id)" }
        try render(result, labels: labels, header: header, emit: emit) { $0.caseRow($1, into: &$2) }
    }

    /// `deviations.csv`, handed to `emit` piece by piece in file order.
    public static func deviationsCSV(
        _ result: AuditResult, labels: ReportLabels, emit: ([UInt8]) throws(DiagnosticError) -> Void
    ) throws(DiagnosticError) {
        try render(result, labels: labels, header: deviationsHeader, emit: emit) { $0.deviationRows($1, into: &$2) }
    }

    /// A whole file from its pieces, for callers that want it in memory.
    private static func collect(
        _ produce: (_ emit: ([UInt8]) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Void
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        // Appending to memory cannot fail, so neither can this.
        try? produce { (piece: [UInt8]) throws(DiagnosticError) in bytes.append(contentsOf: piece) }
        return bytes
    }

    /// A file of rows per case: the header, then chunks of cases rendered on all cores and
    /// emitted in order, a few chunks at a time, so that memory holds a few chunks of rows,
    /// not the file.
    private static func render(
        _ result: AuditResult, labels: ReportLabels, header: [String],
        emit: ([UInt8]) throws(DiagnosticError) -> Void,
        rows: @escaping @Sendable (inout CaseRowWriter, CaseOutcomes.View, inout CSVWriter) -> Void
    ) throws(DiagnosticError) {
        let fields = CaseRowWriter.Fields(result: result, labels: labels)
        try emit(CSVWriter(header: header).bytes)
        let count = result.outcomes.count
        let window = chunkSize * max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: count, by: window) {
            let chunks = inChunks(start..<min(count, start + window)) { range in
                var writer = CaseRowWriter(fields: fields)
                var csv = CSVWriter()
                for index in range { rows(&writer, result.outcomes.view(at: index), &csv) }
                return csv.bytes
            }
            for chunk in chunks { try emit(chunk) }
        }
    }

    /// Cases per chunk of rows rendered by one thread.
    static let chunkSize = 8_192

    /// Each case's rows as text, for a partial result with `--include-cases`.
    public static func caseRows(_ result: AuditResult, labels: ReportLabels) -> [PartialResult.CaseRows] {
        var writer = CaseRowWriter(fields: CaseRowWriter.Fields(result: result, labels: labels))
        return result.outcomes.indices.map { position in
            let outcome = result.outcomes.view(at: position)
            var caseCSV = CSVWriter()
            writer.caseRow(outcome, into: &caseCSV)
            var deviationCSV = CSVWriter()
            writer.deviationRows(outcome, into: &deviationCSV)
            let deviationText = String(decoding: deviationCSV.bytes, as: UTF8.self)
            return PartialResult.CaseRows(
                caseId: labels.caseId(outcome.caseId),
                caseRow: String(decoding: caseCSV.bytes, as: UTF8.self),
                deviationRows: deviationText.isEmpty ? [] : [deviationText])
        }
    }

    /// `rejected.csv`: every row `--skip-bad-rows` set aside, with why.
    public static func rejectedCSV(_ statistics: ReadStatistics) -> [UInt8] {
        var csv = CSVWriter(header: ["line", "reason", "raw"])
        for row in statistics.rejected {
            csv.append(row.line)
            csv.append(row.reason, fromInput: true)
            csv.append(row.raw, fromInput: true)
            csv.endRow()
        }
        return csv.bytes
    }

    /// Renders the items of `items` in chunks on all cores; the chunks come back in order.
    static func inChunks(_ items: Range<Int>, _ render: @Sendable (Range<Int>) -> [UInt8]) -> [[UInt8]] {
        let chunkCount = (items.count + chunkSize - 1) / chunkSize
        guard chunkCount > 1 else { return [render(items)] }
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let start = items.lowerBound + chunk * chunkSize
            results.store(render(start..<min(items.upperBound, start + chunkSize)), at: chunk)
        }
        return results.values
    }
}

/// Chunks rendered on several threads, each stored in its own slot.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [[UInt8]]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ bytes: [UInt8], at index: Int) { lock.withLock { slots[index] = bytes } }

    var values: [[UInt8]] { lock.withLock { slots } }
}

/// Writes one case's rows of `cases.csv` and `deviations.csv`, with every fixed field (ids
/// from the pathway, words of the report's own, group labels) encoded once.
struct CaseRowWriter {
    struct Fields: Sendable {
        let yes = Array("true".utf8)
        let no = Array("false".utf8)
        let compiled: CompiledPathway
        let labels: ReportLabels
        let clock: ZonedClock
        let text: DeviationText
        let stage: [[UInt8]]
        let element: [[UInt8]]
        let mode: [[UInt8]]
        let options: [[[UInt8]]]
        /// Indexed by `DeviationKind.index` and `VariationClass.index`.
        let kind: [[UInt8]]
        let variationClass: [[UInt8]]
        let documentedReason: [[UInt8]]
        let unconstrainedReason: [UInt8]
        let constrainedReason: [UInt8]
        let undocumentedReason: [UInt8]
        let category: [[UInt8]]
        private let groups: [Int32: [UInt8]]
        private let missingGroup = Array("(unknown)".utf8)
        private let allGroup = Array("(all)".utf8)

        init(result: AuditResult, labels: ReportLabels) {
            let compiled = result.compiled
            self.compiled = compiled
            self.labels = labels
            clock = result.clock
            text = DeviationText(compiled)
            stage = compiled.elements.map { CSVWriter.encoded(compiled.stages[$0.stage].id, fromInput: false) }
            element = compiled.elements.map { CSVWriter.encoded($0.id, fromInput: false) }
            mode = compiled.elements.map { CSVWriter.encoded($0.mode.rawValue, fromInput: false) }
            options = compiled.elements.map { $0.options.map { Array($0.utf8) } }
            kind = DeviationKind.allCases.sorted { $0.index < $1.index }.map { Array($0.rawValue.utf8) }
            variationClass = VariationClass.allCases.sorted { $0.index < $1.index }.map { Array($0.rawValue.utf8) }
            unconstrainedReason = Array(ClassReason.unconstrainedMode.text(codes: compiled.codes).utf8)
            constrainedReason = Array(ClassReason.constrainedMode.text(codes: compiled.codes).utf8)
            undocumentedReason = Array(ClassReason.undocumented.text(codes: compiled.codes).utf8)
            documentedReason = compiled.codes.map { CSVWriter.encoded("documented:\($0.id)", fromInput: false) }
            category = compiled.codes.map { CSVWriter.encoded($0.category.rawValue, fromInput: false) }
            var groups: [Int32: [UInt8]] = [:]
            for symbol in result.tally.groupsSeen where symbol != LogCase.missing {
                let label = labels.group(symbol)
                groups[symbol] = CSVWriter.encoded(label.text, fromInput: label.fromInput)
            }
            self.groups = groups
        }

        func group(_ symbol: Int32) -> [UInt8] {
            if compiled.groupKey == nil { return allGroup }
            return groups[symbol] ?? missingGroup
        }
    }

    let fields: Fields
    private var timestamps: TimestampWriter

    init(fields: Fields) {
        self.fields = fields
        timestamps = TimestampWriter(clock: fields.clock)
    }

    mutating func caseRow(_ outcome: CaseOutcomes.View, into csv: inout CSVWriter) {
        fields.labels.appendCaseId(outcome.caseId, to: &csv)
        csv.append(plain: outcome.inCohort ? fields.yes : fields.no)
        csv.append(plain: fields.group(outcome.group))
        csv.append(outcome.entryTime, with: &timestamps)
        csv.append(outcome.eventCount)
        csv.append(outcome.deviations.count)
        csv.append(outcome.count(.unwarranted))
        csv.append(outcome.count(.warranted))
        csv.append(outcome.count(.unassessed))
        csv.append(plain: outcome.isConformant ? fields.yes : fields.no)
        for (ordinal, element) in fields.compiled.choiceElements.enumerated() {
            var mask = outcome.optionsTaken[outcome.optionsTaken.startIndex + ordinal]
            csv.append(plain: [])
            var first = true
            while mask != 0 {
                if !first { csv.append(continuing: [UInt8(ascii: "|")]) }
                csv.append(continuing: fields.options[element][mask.trailingZeroBitCount])
                first = false
                mask &= mask - 1
            }
        }
        csv.endRow()
    }

    mutating func deviationRows(_ outcome: CaseOutcomes.View, into csv: inout CSVWriter) {
        guard !outcome.deviations.isEmpty else { return }
        var caseIdField = CSVWriter()
        fields.labels.appendCaseId(outcome.caseId, to: &caseIdField)
        let caseId = caseIdField.bytes
        let group = fields.group(outcome.group)
        for deviation in outcome.deviations {
            let element = deviation.element
            csv.append(plain: caseId)
            csv.append(plain: group)
            csv.append(plain: fields.stage[element])
            csv.append(plain: fields.element[element])
            csv.append(plain: fields.mode[element])
            csv.append(plain: fields.kind[deviation.kind.index])
            csv.append(plain: fields.variationClass[deviation.variationClass.index])
            switch deviation.reason {
            case .documented(let code):
                csv.append(plain: fields.documentedReason[code])
                csv.append(plain: fields.category[code])
            case .unconstrainedMode:
                csv.append(plain: fields.unconstrainedReason)
                csv.append(plain: [])
            case .constrainedMode:
                csv.append(plain: fields.constrainedReason)
                csv.append(plain: [])
            case .undocumented:
                csv.append(plain: fields.undocumentedReason)
                csv.append(plain: [])
            }
            csv.append(fields.text.expected(deviation), fromInput: false)
            csv.append(fields.text.observed(deviation), fromInput: false)
            csv.append(deviation.time, with: &timestamps)
            csv.endRow()
        }
    }
}
