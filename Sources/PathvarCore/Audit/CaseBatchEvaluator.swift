import Dispatch
import Foundation

/// Evaluates cases on all cores while the log is still being read.
///
/// The reader hands over batches; each batch is evaluated on a worker with its own
/// `CaseEvaluator`, and results are kept by batch number, so the outcome is the same on one
/// core or many. At most `threads` batches are in flight, which bounds memory.
final class CaseBatchEvaluator: @unchecked Sendable {
    private let compiled: CompiledPathway
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var results: [Int: [CaseOutcome]] = [:]
    private var timings: ElementTimings
    private var submitted = 0
    private var idle: [CaseEvaluator] = []

    init(compiled: CompiledPathway, threads: Int) {
        self.compiled = compiled
        slots = DispatchSemaphore(value: max(1, threads))
        timings = ElementTimings(elements: compiled.elements.count)
    }

    /// Queues a batch; blocks while all workers are busy.
    func submit(_ batch: [LogCase]) {
        guard !batch.isEmpty else { return }
        let number = submitted
        submitted += 1
        slots.wait()
        DispatchQueue.global().async(group: group) {
            var evaluator = self.takeEvaluator()
            var outcomes: [CaseOutcome] = []
            outcomes.reserveCapacity(batch.count)
            var timings = ElementTimings(elements: self.compiled.elements.count)
            for logCase in batch {
                let outcome = evaluator.evaluate(logCase)
                if outcome.inCohort, let entry = outcome.entryTime {
                    evaluator.recordTimings(into: &timings, entry: entry)
                }
                outcomes.append(outcome)
            }
            self.lock.withLock {
                self.results[number] = outcomes
                self.timings.add(timings)
                self.idle.append(evaluator)
            }
            self.slots.signal()
        }
    }

    /// Evaluates one batch on all cores and returns its outcomes in order, before the next
    /// batch is read (for streaming totals, which read the reader's symbols in between).
    func evaluateNow(_ batch: [LogCase], threads: Int) -> [CaseOutcome] {
        let parts = max(1, min(threads, batch.count))
        let slices = ChunkedOutcomes(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (batch.count * part / parts)..<(batch.count * (part + 1) / parts)
            var evaluator = self.takeEvaluator()
            var timings = ElementTimings(elements: self.compiled.elements.count)
            var outcomes: [CaseOutcome] = []
            outcomes.reserveCapacity(range.count)
            for logCase in batch[range] {
                let outcome = evaluator.evaluate(logCase)
                if outcome.inCohort, let entry = outcome.entryTime {
                    evaluator.recordTimings(into: &timings, entry: entry)
                }
                outcomes.append(outcome)
            }
            slices.store(outcomes, at: part)
            self.lock.withLock {
                self.timings.add(timings)
                self.idle.append(evaluator)
            }
        }
        return slices.values.flatMap { $0 }
    }

    /// Waits for every batch and returns the outcomes in submission order, with the
    /// element timings of all cohort cases.
    func finish() -> (outcomes: [CaseOutcome], timings: ElementTimings) {
        group.wait()
        return lock.withLock { ((0..<submitted).flatMap { results[$0] ?? [] }, timings) }
    }

    private func takeEvaluator() -> CaseEvaluator {
        lock.withLock { idle.popLast() } ?? CaseEvaluator(compiled)
    }
}

/// Outcomes of the parts of one batch, each stored by its own thread.
private final class ChunkedOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[CaseOutcome]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func store(_ outcomes: [CaseOutcome], at index: Int) { lock.withLock { slots[index] = outcomes } }

    var values: [[CaseOutcome]] { lock.withLock { slots } }
}
