import Testing

@testable import PathvarCore

/// Case ids come from files nobody controls. Without a seed, the table's hash can be run
/// backwards to make ids that all land in one run of slots, so that each new id is compared
/// with every earlier one; the per-process seed takes that away.
@Suite struct SymbolTableSeedTests {
    /// Eight-byte ids whose unseeded hash has the same low 32 bits, made by inverting each
    /// step of `SymbolTable.hash` for seed 0.
    static func collidingIds(_ count: Int) -> [[UInt8]] {
        let multiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD
        var inverse = multiplier
        for _ in 0..<6 { inverse = inverse &* (2 &- multiplier &* inverse) }
        func unshift(_ value: UInt64, _ shift: UInt64) -> UInt64 {
            var result = value
            for _ in 0..<3 { result = value ^ (result >> shift) }
            return result
        }
        let start: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ 8
        return (1...count).map { index in
            var hash = UInt64(index) << 32
            hash = unshift(hash, 29)
            hash = hash &* inverse
            hash = unshift(hash, 33)
            hash = unshift(hash, 32)
            hash = hash &* inverse
            return withUnsafeBytes(of: hash ^ start) { Array($0) }
        }
    }

    @Test func craftedIdsCollideOnlyWithoutASeed() {
        let ids = Self.collidingIds(2_000)
        var unseeded = SymbolTable(seed: 0)
        var seeded = SymbolTable()
        for id in ids {
            id.withUnsafeBytes {
                _ = unseeded.intern($0)
                _ = seeded.intern($0)
            }
        }
        // The construction works: with seed 0 every id falls into one run...
        #expect(unseeded.longestProbeRun >= ids.count)
        // ...and with the process's seed they scatter like any others.
        #expect(seeded.longestProbeRun < 100)
        #expect(seeded.count == ids.count)
    }

    @Test func idsDoNotDependOnTheSeed() {
        let words = (0..<5_000).map { "case-\($0 % 3_000)-\($0 % 7)" }
        var first = SymbolTable(seed: 1)
        var second = SymbolTable(seed: 0xDEAD_BEEF)
        let idsFirst = words.map { first.intern($0) }
        let idsSecond = words.map { second.intern($0) }
        #expect(idsFirst == idsSecond)
        for (word, id) in zip(words, idsFirst) {
            #expect(first.lookup(word) == id)
            #expect(second.string(id) == word)
        }
    }
}
