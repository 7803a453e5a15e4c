/// Medians and percentiles of delays kept exactly, as a multiset: delay in whole seconds → number of
/// cases with that delay.
///
/// Keeping the multiset rather than a summary means results from several hospitals or several runs can
/// be merged by adding counts and the merged median is still exact, and it stays small: a year of
/// cases has far fewer distinct delays (to the second) than cases. Nothing here expands it back into
/// one entry per case.
public enum DelayStatistics {
    /// The `q` quantile of the delays, with `q` a fraction from 0 to 1 (0.5 for the median, 0.9 for
    /// the 90th percentile), in seconds.
    ///
    /// The definition is linear interpolation between closest ranks: Hyndman and Fan's type 7, R's
    /// default `quantile(type = 7)`, numpy's default `percentile(..., method="linear")`, and Excel's
    /// `PERCENTILE.INC`, so anyone checking a figure in their own tool gets the same number. The
    /// arithmetic follows numpy's step for step, so results agree with it to the last bit.
    ///
    /// - Returns: nil when there are no cases.
    /// - Precondition: `q` within 0…1 (not 0…100: a fraction, so that `percentile(90, …)` stops
    ///   loudly instead of quietly returning the maximum); counts not negative.
    /// - Complexity: O(k log k) for k distinct delays.
    public static func percentile(_ q: Double, of multiset: [Int64: Int]) -> Double? {
        percentiles([q], of: multiset)?.first
    }

    /// Several quantiles at once, sorting the distinct delays only once.
    ///
    /// - Returns: nil when there are no cases; otherwise one value per entry of `qs`, in that order.
    public static func percentiles(_ qs: [Double], of multiset: [Int64: Int]) -> [Double]? {
        for q in qs {
            precondition(q >= 0 && q <= 1, "a quantile is a fraction from 0 to 1, e.g. 0.9 for the 90th percentile")
        }
        guard let delays = RankedDelays(multiset) else { return nil }
        return qs.map { delays.quantile($0) }
    }

    /// The median delay in seconds (the 0.5 quantile); nil when there are no cases.
    public static func median(of multiset: [Int64: Int]) -> Double? {
        percentile(0.5, of: multiset)
    }

    /// How many cases the multiset holds.
    public static func caseCount(of multiset: [Int64: Int]) -> Int {
        multiset.values.reduce(0) { total, count in
            precondition(count >= 0, "a number of cases cannot be negative")
            return total + count
        }
    }

    /// Several multisets as one, by adding the counts for each delay: how results from different
    /// hospitals or runs are pooled without losing exactness.
    public static func combined(_ multisets: [[Int64: Int]]) -> [Int64: Int] {
        var pooled: [Int64: Int] = [:]
        for multiset in multisets {
            pooled.merge(multiset, uniquingKeysWith: +)
        }
        return pooled
    }
}

/// Distinct delays in ascending order with running case counts, so that the delay at any rank is a
/// binary search away.
private struct RankedDelays {
    /// Distinct delays with at least one case, ascending.
    let delays: [Int64]
    /// Number of cases with a delay up to and including `delays[i]`.
    let casesUpTo: [Int]

    init?(_ multiset: [Int64: Int]) {
        // Sorting the keys makes the result independent of the dictionary's iteration order.
        let present = multiset.filter { _, count in
            precondition(count >= 0, "a number of cases cannot be negative")
            return count > 0
        }
        guard !present.isEmpty else { return nil }
        delays = present.keys.sorted()
        var running = 0
        casesUpTo = delays.map { delay in
            running += present[delay]!
            return running
        }
    }

    var caseCount: Int { casesUpTo[casesUpTo.count - 1] }

    /// The delay of the case at 0-based `rank` when all cases are lined up by delay.
    func delay(atRank rank: Int) -> Int64 {
        // First distinct delay whose running count passes the rank.
        var low = 0
        var high = delays.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            if casesUpTo[middle] > rank {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return delays[low]
    }

    /// numpy's linear method: position (n − 1)·q, then interpolate between the neighbouring ranks,
    /// measuring from whichever neighbour is nearer (numpy's `_lerp`), so that a position on or next
    /// to a rank returns that rank's delay without rounding drift.
    func quantile(_ q: Double) -> Double {
        let lastRank = caseCount - 1
        let position = Double(lastRank) * q
        if position >= Double(lastRank) {
            return Double(delays[delays.count - 1])
        }
        let lowerRank = position.rounded(.down)
        let fraction = position - lowerRank
        let below = delay(atRank: Int(lowerRank))
        let above = delay(atRank: Int(lowerRank) + 1)
        // numpy subtracts in 64-bit integers; that is exact unless the delays are ±2^62 seconds apart.
        let (gap, overflow) = above.subtractingReportingOverflow(below)
        let difference = overflow ? Double(above) - Double(below) : Double(gap)
        if fraction >= 0.5 {
            return Double(above) - difference * (1 - fraction)
        }
        return Double(below) + difference * fraction
    }
}
