import Dispatch
import Foundation

/// Evaluates cases on all cores while the log is still being read.
///
/// The reader hands over batches; each batch is evaluated on a worker with its own
/// `CaseEvaluator`, counted into the worker's own `AuditTally` and `ElementTimings`, and
/// its outcomes kept by batch number (when the case files need them), so the result is the
/// same on one core or many. At most `threads` batches are in flight, which bounds memory.
final class CaseBatchEvaluator: @unchecked Sendable {
    private let compiled: CompiledPathway
    private let clock: ZonedClock
    private let keepOutcomes: Bool
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var results: [Int: CaseOutcomes] = [:]
    private var timings: ElementTimings
    private var tally: AuditTally
    private var submitted = 0
    private var idle: [CaseEvaluator] = []

    init(compiled: CompiledPathway, clock: ZonedClock, threads: Int, keepOutcomes: Bool) {
        self.compiled = compiled
        self.clock = clock
        self.keepOutcomes = keepOutcomes
        slots = DispatchSemaphore(value: max(1, threads))
        timings = ElementTimings(elements: compiled.elements.count)
        tally = AuditTally(compiled: compiled)
    }

    /// Queues a batch; blocks while all workers are busy.
    func submit(_ batch: [LogCase]) {
        guard !batch.isEmpty else { return }
        let number = submitted
        submitted += 1
        slots.wait()
        DispatchQueue.global().async(group: group) {
            // Read once: a stored property of a class is re-read (and its references
            // retained) at every use inside the loop.
            let compiled = self.compiled
            let clock = self.clock
            let keepOutcomes = self.keepOutcomes
            var evaluator = self.takeEvaluator()
            var outcomes = CaseOutcomes(choiceCount: compiled.choiceElements.count)
            if keepOutcomes { outcomes.reserveCapacity(batch.count) }
            var timings = ElementTimings(elements: compiled.elements.count)
            var tally = AuditTally(compiled: compiled)
            for index in batch.indices {
                let outcome = evaluator.evaluate(batch[index])
                if outcome.inCohort, let entry = outcome.entryTime {
                    evaluator.recordTimings(into: &timings, entry: entry)
                }
                tally.add(outcome, compiled: compiled, clock: clock)
                if keepOutcomes { outcomes.append(outcome) }
            }
            self.lock.withLock {
                if self.keepOutcomes { self.results[number] = outcomes }
                self.timings.add(timings)
                self.tally.add(tally)
                self.idle.append(evaluator)
            }
            self.slots.signal()
        }
    }

    /// Waits for every batch and returns the outcomes in submission order (empty unless
    /// kept), with the element timings of all cohort cases and the tally of every case.
    func finish() -> (outcomes: CaseOutcomes, timings: ElementTimings, tally: AuditTally) {
        group.wait()
        return lock.withLock {
            var outcomes = CaseOutcomes(choiceCount: compiled.choiceElements.count)
            outcomes.reserveCapacity(tally.cases)
            // Each batch is let go as soon as it is moved over, so memory holds one copy.
            for number in 0..<submitted {
                if let batch = results.removeValue(forKey: number) { outcomes.append(contentsOf: batch) }
            }
            return (outcomes, timings, tally)
        }
    }

    private func takeEvaluator() -> CaseEvaluator {
        lock.withLock { idle.popLast() } ?? CaseEvaluator(compiled)
    }
}
