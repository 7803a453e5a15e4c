/// Per element: how many cohort cases performed it, and the exact multiset of delays from
/// its window's anchor (in whole seconds) over cases where both happened.
///
/// Plain counts, so that timings from several batches, shards or hospitals add up exactly.
public struct ElementTimings: Sendable, Equatable {
    public var performed: [Int]
    var delayCounts: [DelayCounts]

    public init(elements: Int) {
        performed = Array(repeating: 0, count: elements)
        delayCounts = Array(repeating: DelayCounts(), count: elements)
    }

    /// Per element: delay in whole seconds → cases.
    public var delays: [[Int64: Int]] { delayCounts.map(\.dictionary) }

    public mutating func add(_ other: ElementTimings) {
        for index in performed.indices {
            performed[index] += other.performed[index]
            delayCounts[index].add(other.delayCounts[index])
        }
    }
}

extension CaseEvaluator {
    /// Adds the last evaluated case (a cohort case entering at `entry`) to `timings`.
    public func recordTimings(into timings: inout ElementTimings, entry: Instant) {
        for index in compiled.rules.indices {
            guard let first = firstTime(of: index) else { continue }
            timings.performed[index] += 1
            guard let anchor = anchorTime(of: index, entry: entry) else { continue }
            let micro = first.microseconds - anchor.microseconds
            // Floor, so that 59.9 seconds early is -60 s, not -59 s.
            let seconds = micro >= 0 ? micro / 1_000_000 : -((-micro + 999_999) / 1_000_000)
            timings.delayCounts[index].add(seconds)
        }
    }
}
