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
