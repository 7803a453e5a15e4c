/// A multiset of delays in whole seconds: how many cases had each delay.
///
/// Every cohort case adds one delay per timed element, so this is the busiest table of the
/// evaluator threads. A `Dictionary<Int64, Int>` hashes each key with SipHash; here keys go
/// through a seeded 64-bit mix (the finaliser of SplitMix64) into an open-addressing table,
/// a few nanoseconds a count. The seed is random per process, so a log crafted to make its
/// delays collide cannot slow the audit down; the seed never reaches any output, which is
/// read back in key order.
struct DelayCounts: Sendable, Equatable {
    private var keys: [Int64]
    private var counts: [Int]
    /// Slots in use; the table doubles when it is half full.
    private(set) var distinct = 0
    private var mask: Int
    /// The process's seed, copied in so that the hot path does not check a lazy global.
    private let seed: UInt64

    private static let processSeed = UInt64.random(in: .min ... .max)

    init() {
        keys = []
        counts = []
        mask = -1
        seed = Self.processSeed
    }

    /// Adds `count` cases with a delay of `key` seconds.
    mutating func add(_ key: Int64, count: Int = 1) {
        if distinct * 2 >= keys.count { grow() }
        var slot = Self.slot(key, seed: seed, mask)
        while counts[slot] != 0 {
            if keys[slot] == key {
                counts[slot] += count
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = count
        distinct += 1
    }

    mutating func add(_ other: DelayCounts) {
        for slot in other.counts.indices where other.counts[slot] != 0 {
            add(other.keys[slot], count: other.counts[slot])
        }
    }

    /// The same counts as a dictionary, the form totals and partial results keep.
    var dictionary: [Int64: Int] {
        var result: [Int64: Int] = [:]
        result.reserveCapacity(distinct)
        for slot in counts.indices where counts[slot] != 0 { result[keys[slot]] = counts[slot] }
        return result
    }

    /// Equal when they count the same delays (the seed and the table's layout do not matter).
    static func == (lhs: DelayCounts, rhs: DelayCounts) -> Bool { lhs.dictionary == rhs.dictionary }

    private static func slot(_ key: Int64, seed: UInt64, _ mask: Int) -> Int {
        var mixed = UInt64(bitPattern: key) ^ seed
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Int(truncatingIfNeeded: mixed) & mask
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldCounts = counts
        let size = max(16, keys.count * 2)
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        mask = size - 1
        distinct = 0
        for slot in oldCounts.indices where oldCounts[slot] != 0 { add(oldKeys[slot], count: oldCounts[slot]) }
    }
}
