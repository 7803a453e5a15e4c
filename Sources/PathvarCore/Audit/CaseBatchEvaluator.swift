import Dispatch
import Foundation

/// Evaluates cases on all cores while the log is still being read.
///
/// The reader hands over batches; each batch is evaluated by a worker with its own
/// `CaseEvaluator`, counted into that worker's own `AuditTally` and `ElementTimings` (kept
/// from batch to batch, so their tables grow once, and added up only at the end), and its
/// outcomes kept by batch number (when the case files need them). Counts are plain sums, so
/// the result is the same whichever worker saw which batch, on one core or many. At most
/// `threads` batches are in flight, which bounds memory.
final class CaseBatchEvaluator: @unchecked Sendable {
    private let compiled: CompiledPathway
    private let clock: ZonedClock
    private let keepOutcomes: Bool
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var results: [Int: CaseOutcomes] = [:]
    private var submitted = 0
    /// Workers not evaluating a batch right now; after `group.wait()`, all of them.
    private var idle: [Worker] = []

    /// What one worker keeps between batches.
    private struct Worker {
        var evaluator: CaseEvaluator
        var timings: ElementTimings
        var tally: AuditTally
        var scratch: CaseOutcomes

        /// The scratch store, emptied, for the next batch.
        mutating func takeScratch() -> CaseOutcomes {
            var store = scratch
            scratch = CaseOutcomes(choiceCount: store.choiceCount)
            store.removeAll()
            return store
        }
    }

    init(compiled: CompiledPathway, clock: ZonedClock, threads: Int, keepOutcomes: Bool) {
        self.compiled = compiled
        self.clock = clock
        self.keepOutcomes = keepOutcomes
        slots = DispatchSemaphore(value: max(1, threads))
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
            var worker = self.takeWorker()
            // Kept outcomes go to a new store per batch; otherwise the worker's scratch store
            // holds the batch just long enough to be counted.
            var outcomes =
                keepOutcomes ? CaseOutcomes(choiceCount: compiled.choiceElements.count) : worker.takeScratch()
            outcomes.reserveCapacity(batch.count)
            for index in batch.indices {
                let summary = worker.evaluator.evaluateInPlace(batch[index])
                if summary.inCohort, let entry = summary.entryTime {
                    worker.evaluator.recordTimings(into: &worker.timings, entry: entry)
                }
                outcomes.append(summary, from: worker.evaluator)
                worker.tally.add(outcomes.view(at: outcomes.count - 1), compiled: compiled, clock: clock)
            }
            if !keepOutcomes { worker.scratch = outcomes }
            self.lock.withLock {
                if keepOutcomes { self.results[number] = outcomes }
                self.idle.append(worker)
            }
            self.slots.signal()
        }
    }

    /// Waits for every batch and returns the outcomes in submission order (empty unless
    /// kept), with the element timings of all cohort cases and the tally of every case.
    func finish() -> (outcomes: CaseOutcomes, timings: ElementTimings, tally: AuditTally) {
        group.wait()
        return lock.withLock {
            var timings = ElementTimings(elements: compiled.elements.count)
            var tally = AuditTally(compiled: compiled)
            for worker in idle {
                timings.add(worker.timings)
                tally.add(worker.tally)
            }
            var outcomes = CaseOutcomes(choiceCount: compiled.choiceElements.count)
            outcomes.reserveCapacity(toJoin: results.values)
            // Each batch is let go as soon as it is copied over, so memory holds the joined
            // cases and at most one batch besides.
            for number in 0..<submitted {
                if let batch = results.removeValue(forKey: number) { outcomes.append(contentsOf: batch) }
            }
            return (outcomes, timings, tally)
        }
    }

    private func takeWorker() -> Worker {
        lock.withLock { idle.popLast() }
            ?? Worker(
                evaluator: CaseEvaluator(compiled), timings: ElementTimings(elements: compiled.elements.count),
                tally: AuditTally(compiled: compiled), scratch: CaseOutcomes(choiceCount: compiled.choiceElements.count)
            )
    }
}
