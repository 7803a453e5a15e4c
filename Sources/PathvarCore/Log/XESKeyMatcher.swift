#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one XES attribute key means to the reader.
struct XESKeyRole: Sendable, Equatable {
    /// `concept:name`: the trace's case id or the event's activity.
    var isName = false
    /// `time:timestamp`: the event's time.
    var isTime = false
    /// The key's index in `LogReadOptions.attributeKeys`, or -1 when not requested.
    var attributeIndex: Int32 = -1
}

/// Finds the role of an attribute key by comparing its bytes with the few keys a run needs.
///
/// A real log has dozens of attribute keys per event (the sepsis log: 30), and most of them
/// are of no interest. They are rejected on their length alone, through a bit set, before a
/// single byte is compared. The survivors are compared eight bytes at a time: a key of up
/// to 16 bytes (`concept:name`, `time:timestamp`, `org:resource`…) takes two word
/// comparisons, its first and its last eight bytes; only longer ones need `memcmp`. No
/// `String` is made, and nothing is allocated.
struct XESKeyMatcher: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        /// The first and the last eight bytes (overlapping when shorter than 16; zero-padded
        /// when shorter than 8), as `words(of:)` reads them from a key.
        var head: UInt64
        var tail: UInt64
        var role: XESKeyRole
    }

    private var entries: [Entry] = []
    /// Bit `n` is set when some wanted key is `n` bytes long (`n` < 63); bit 63 stands for
    /// every longer length.
    private var lengths: UInt64 = 0

    static let conceptName = "concept:name"
    static let timeTimestamp = "time:timestamp"

    init(attributeKeys: AttributeKeys) {
        add(Self.conceptName) { $0.isName = true }
        add(Self.timeTimestamp) { $0.isTime = true }
        for (index, name) in attributeKeys.names.enumerated() {
            add(name) { $0.attributeIndex = Int32(index) }
        }
    }

    private mutating func add(_ name: String, _ update: (inout XESKeyRole) -> Void) {
        let utf8 = Array(name.utf8)
        if let index = entries.firstIndex(where: { $0.bytes == utf8 }) {
            update(&entries[index].role)
            return
        }
        var role = XESKeyRole()
        update(&role)
        let (head, tail) = utf8.withUnsafeBytes { Self.words(of: $0) }
        entries.append(Entry(bytes: utf8, head: head, tail: tail, role: role))
        lengths |= Self.lengthBit(utf8.count)
    }

    @inline(__always)
    private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

    /// The first and last eight bytes of `bytes`, read without going past either end.
    @inline(__always)
    private static func words(of bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let count = bytes.count
        if count >= 8 {
            return (
                bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            )
        }
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(bytes[index]) << UInt64(8 * index) }
        return (word, word)
    }

    /// The role of `key`, or nil when the run does not need it.
    @inline(__always)
    func role(of key: UnsafeRawBufferPointer) -> XESKeyRole? {
        guard lengths & Self.lengthBit(key.count) != 0 else { return nil }
        return compare(key)
    }

    private func compare(_ key: UnsafeRawBufferPointer) -> XESKeyRole? {
        let count = key.count
        let (head, tail) = Self.words(of: key)
        for entry in entries where entry.bytes.count == count && entry.head == head && entry.tail == tail {
            if count <= 16 { return entry.role }
            let same = entry.bytes.withUnsafeBytes { memcmp($0.baseAddress!, key.baseAddress!, count) == 0 }
            if same { return entry.role }
        }
        return nil
    }
}

/// Recognises one name among libxml2's element or attribute names by its pointer.
///
/// libxml2 interns every element and attribute name in its dictionary, so during one parse
/// a name always arrives as the same pointer. After the first `strcmp`, recognising the
/// name is one pointer comparison, and telling another name apart usually one byte.
struct XESNameCache {
    private let name: StaticString
    private let first: UInt8
    private var known: UnsafePointer<UInt8>?

    init(_ name: StaticString) {
        self.name = name
        self.first = name.utf8Start.pointee
    }

    @inline(__always)
    mutating func matches(_ candidate: UnsafePointer<UInt8>) -> Bool {
        if candidate == known { return true }
        guard candidate.pointee == first, XESElementName.equals(candidate, name) else { return false }
        known = candidate
        return true
    }
}

/// The XES element names the reader reacts to, recognised from libxml2's NUL-terminated
/// local names without making a `String`.
enum XESElementName {
    @inline(__always)
    static func isLog(_ name: UnsafePointer<UInt8>) -> Bool { equals(name, "log") }

    /// A typed, single-valued attribute: `string`, `date`, `int`, `float`, `boolean`, `id`.
    /// `list` and `container` hold values of their own and are skipped with their children.
    static func isValueAttribute(_ name: UnsafePointer<UInt8>) -> Bool {
        switch name[0] {
        case UInt8(ascii: "s"): equals(name, "string")
        case UInt8(ascii: "d"): equals(name, "date")
        case UInt8(ascii: "i"): equals(name, "int") || equals(name, "id")
        case UInt8(ascii: "f"): equals(name, "float")
        case UInt8(ascii: "b"): equals(name, "boolean")
        default: false
        }
    }

    @inline(__always)
    static func equals(_ name: UnsafePointer<UInt8>, _ expected: StaticString) -> Bool {
        // A literal's bytes are NUL-terminated, so `strcmp` also checks the length.
        expected.withUTF8Buffer { literal in
            name.withMemoryRebound(to: CChar.self, capacity: literal.count + 1) { name in
                literal.baseAddress!.withMemoryRebound(to: CChar.self, capacity: literal.count + 1) {
                    strcmp(name, $0) == 0
                }
            }
        }
    }
}
