import Dispatch
import Foundation

/// `cases.csv` and `deviations.csv`: one row per case and one row per deviation, for the
/// analyst who loads them into other tools and for the lead who asks "why this patient?".
///
/// These are the two large files (a row per case of a log of millions of events), so they
/// are written in chunks of cases on all cores, with every fixed field encoded once.
public enum CaseReports {
    public static func casesCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        let compiled = result.compiled
        let choices = compiled.choiceElements.map { "choice:\(compiled.elements[$0].id)" }
        let header = CSVWriter(
            header: [
                "case_id", "in_cohort", "group", "entry_time", "events", "deviations", "unwarranted", "warranted",
                "unassessed", "conformant",
            ] + choices)
        let fields = FixedFields(result: result, labels: labels)
        let chunks = inChunks(result.outcomes.count) { range in
            var csv = CSVWriter()
            var timestamps = TimestampWriter(clock: result.clock)
            for outcome in result.outcomes[range] {
                csv.append(labels.caseId(outcome.caseId), fromInput: !labels.pseudonymisesCases)
                csv.append(plain: outcome.inCohort ? fields.yes : fields.no)
                csv.append(plain: fields.group(outcome))
                csv.append(outcome.entryTime, with: &timestamps)
                csv.append(outcome.eventCount)
                csv.append(outcome.deviations.count)
                csv.append(outcome.count(.unwarranted))
                csv.append(outcome.count(.warranted))
                csv.append(outcome.count(.unassessed))
                csv.append(plain: outcome.isConformant ? fields.yes : fields.no)
                for (ordinal, element) in compiled.choiceElements.enumerated() {
                    var mask = outcome.optionsTaken[ordinal]
                    var taken: [UInt8] = []
                    while mask != 0 {
                        if !taken.isEmpty { taken.append(UInt8(ascii: "|")) }
                        taken.append(contentsOf: fields.options[element][mask.trailingZeroBitCount])
                        mask &= mask - 1
                    }
                    csv.append(plain: taken)
                }
                csv.endRow()
            }
            return csv.bytes
        }
        return header.bytes + chunks.joined()
    }

    public static func deviationsCSV(_ result: AuditResult, labels: ReportLabels) -> [UInt8] {
        let compiled = result.compiled
        let text = DeviationText(compiled)
        let header = CSVWriter(
            header: [
                "case_id", "group", "stage", "element", "mode", "kind", "class", "reason", "category", "expected",
                "observed", "time",
            ])
        let fields = FixedFields(result: result, labels: labels)
        let chunks = inChunks(result.outcomes.count) { range in
            var csv = CSVWriter()
            var timestamps = TimestampWriter(clock: result.clock)
            for outcome in result.outcomes[range] where !outcome.deviations.isEmpty {
                let caseId = CSVWriter.encoded(labels.caseId(outcome.caseId), fromInput: !labels.pseudonymisesCases)
                let group = fields.group(outcome)
                for deviation in outcome.deviations {
                    let element = deviation.element
                    csv.append(plain: caseId)
                    csv.append(plain: group)
                    csv.append(plain: fields.stage[element])
                    csv.append(plain: fields.element[element])
                    csv.append(plain: fields.mode[element])
                    csv.append(plain: fields.kind[deviation.kind]!)
                    csv.append(plain: fields.variationClass[deviation.variationClass]!)
                    switch deviation.reason {
                    case .documented(let code):
                        csv.append(plain: fields.documentedReason[code])
                        csv.append(plain: fields.category[code])
                    default:
                        csv.append(plain: Array(deviation.reason.text(codes: compiled.codes).utf8))
                        csv.append(plain: [])
                    }
                    csv.append(text.expected(deviation), fromInput: false)
                    csv.append(text.observed(deviation), fromInput: false)
                    csv.append(deviation.time, with: &timestamps)
                    csv.endRow()
                }
            }
            return csv.bytes
        }
        return header.bytes + chunks.joined()
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

    /// Renders `count` items in chunks on all cores; the chunks come back in order.
    static func inChunks(_ count: Int, _ render: @Sendable (Range<Int>) -> [UInt8]) -> [[UInt8]] {
        let chunkSize = 16_384
        let chunkCount = (count + chunkSize - 1) / chunkSize
        guard chunkCount > 1 else { return [render(0..<count)] }
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
            results.store(render(range), at: chunk)
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

/// The fields that repeat on every row, encoded once: ids from the pathway, words of the
/// report's own, and the group labels.
private struct FixedFields: Sendable {
    let yes = Array("true".utf8)
    let no = Array("false".utf8)
    let stage: [[UInt8]]
    let element: [[UInt8]]
    let mode: [[UInt8]]
    let options: [[[UInt8]]]
    let kind: [DeviationKind: [UInt8]]
    let variationClass: [VariationClass: [UInt8]]
    let documentedReason: [[UInt8]]
    let category: [[UInt8]]
    private let groups: [Int32: [UInt8]]
    private let missingGroup: [UInt8]
    private let noGrouping: Bool

    init(result: AuditResult, labels: ReportLabels) {
        let compiled = result.compiled
        stage = compiled.elements.map { CSVWriter.encoded(compiled.stages[$0.stage].id, fromInput: false) }
        element = compiled.elements.map { CSVWriter.encoded($0.id, fromInput: false) }
        mode = compiled.elements.map { CSVWriter.encoded($0.mode.rawValue, fromInput: false) }
        options = compiled.elements.map { $0.options.map { Array($0.utf8) } }
        kind = Dictionary(uniqueKeysWithValues: DeviationKind.allCases.map { ($0, Array($0.rawValue.utf8)) })
        variationClass = Dictionary(uniqueKeysWithValues: VariationClass.allCases.map { ($0, Array($0.rawValue.utf8)) })
        documentedReason = compiled.codes.map { CSVWriter.encoded("documented:\($0.id)", fromInput: false) }
        category = compiled.codes.map { CSVWriter.encoded($0.category.rawValue, fromInput: false) }
        var groups: [Int32: [UInt8]] = [:]
        for outcome in result.outcomes where outcome.group != LogCase.missing && groups[outcome.group] == nil {
            let label = labels.group(outcome)
            groups[outcome.group] = CSVWriter.encoded(label.text, fromInput: label.fromInput)
        }
        self.groups = groups
        missingGroup = Array("(unknown)".utf8)
        noGrouping = compiled.groupKey == nil
    }

    func group(_ outcome: CaseOutcome) -> [UInt8] {
        if noGrouping { return Array("(all)".utf8) }
        return groups[outcome.group] ?? missingGroup
    }
}
