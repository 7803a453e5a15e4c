#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Interns byte strings (activity labels, case ids, attribute values) to dense `Int32` ids.
///
/// Readers see every field as a slice of their input buffer; interning it here costs one
/// hash and, the first time only, one copy into the arena. No `String` is made until a
/// report needs one. Ids are given in first-seen order, so a table filled from the same
/// input in the same order always gives the same ids.
///
/// The hash is seeded at random once per process. Without a seed, anyone could compute case
/// ids that all fall into one run of the table (the mix is invertible), and each new id would
/// then be compared with all the others: a log crafted that way would take quadratic time.
/// Nothing visible depends on the seed: ids, and everything written, follow input order.
public struct SymbolTable: Sendable {
    /// The bytes of every symbol, back to back.
    private var arena: [UInt8] = []
    /// `starts[id]` ..< `starts[id + 1]` is symbol `id` in `arena`.
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing; -1 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int
    @usableFromInline let seed: UInt64

    /// The seed of every table in this process (so that copies and new tables agree).
    @usableFromInline static let processSeed = UInt64.random(in: .min ... .max)

    public init(capacity: Int = 1024) {
        self.init(capacity: capacity, seed: Self.processSeed)
    }

    /// A table with a given seed: for tests that need to know it.
    init(capacity: Int = 1024, seed: UInt64) {
        self.seed = seed
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of distinct symbols.
    public var count: Int { hashes.count }

    /// The id of these bytes, adding them if they are new.
    @inlinable @inline(__always)
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(bytes, seed: seed)
        return intern(bytes, hash: hash)
    }

    public mutating func intern(_ string: String) -> Int32 {
        var string = string
        return string.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The id of these bytes, or nil when they were never interned.
    public func lookup(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(bytes, seed: seed)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
    }

    public func lookup(_ string: String) -> Int32? {
        var string = string
        return string.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    /// The symbol as text. Invalid UTF-8 is repaired, but readers reject it before it gets here.
    public func string(_ id: Int32) -> String {
        let range = starts[Int(id)]..<starts[Int(id) + 1]
        return String(decoding: arena[range], as: UTF8.self)
    }

    /// The symbol's bytes.
    public func withBytes<R>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let range = starts[Int(id)]..<starts[Int(id) + 1]
        return try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    @usableFromInline
    mutating func intern(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id]
        let count = starts[id + 1] - start
        guard count == bytes.count else { return false }
        if count == 0 { return true }
        return arena.withUnsafeBytes { arena in
            memcmp(arena.baseAddress! + start, bytes.baseAddress!, count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for id in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
    }

    /// The longest run of occupied slots: how far a lookup may have to probe.
    var longestProbeRun: Int {
        var longest = 0
        var run = 0
        // Twice round, so that a run wrapping past the last slot is counted whole.
        for slot in 0..<(2 * slots.count) {
            if slots[slot & mask] >= 0 {
                run += 1
                longest = max(longest, min(run, slots.count))
            } else {
                run = 0
            }
        }
        return longest
    }

    /// A fast 64-bit hash of short byte strings: eight bytes at a time, then a final mix.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ seed ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return hash
    }
}
