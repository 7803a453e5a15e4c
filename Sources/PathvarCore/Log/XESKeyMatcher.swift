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
/// single byte is compared; the survivors are compared with `memcmp` against keys of exactly
/// that length. No `String` is made, and nothing is allocated.
struct XESKeyMatcher: Sendable {
    /// Every wanted key, back to back.
    private var bytes: [UInt8] = []
    /// Key `i` is `bytes[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var roles: [XESKeyRole] = []
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
        for index in roles.indices where Array(bytes[starts[index]..<starts[index + 1]]) == utf8 {
            update(&roles[index])
            return
        }
        var role = XESKeyRole()
        update(&role)
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
        roles.append(role)
        lengths |= Self.lengthBit(utf8.count)
    }

    @inline(__always)
    private static func lengthBit(_ count: Int) -> UInt64 { 1 << UInt64(min(count, 63)) }

    /// The role of `key`, or nil when the run does not need it.
    @inline(__always)
    func role(of key: UnsafeRawBufferPointer) -> XESKeyRole? {
        let count = key.count
        guard lengths & Self.lengthBit(count) != 0 else { return nil }
        return slowRole(of: key)
    }

    private func slowRole(of key: UnsafeRawBufferPointer) -> XESKeyRole? {
        let count = key.count
        return bytes.withUnsafeBytes { stored -> XESKeyRole? in
            for index in roles.indices where starts[index + 1] - starts[index] == count {
                if count == 0 || memcmp(stored.baseAddress! + starts[index], key.baseAddress!, count) == 0 {
                    return roles[index]
                }
            }
            return nil
        }
    }
}

/// The XES element names the reader reacts to, recognised from libxml2's NUL-terminated
/// local names without making a `String`.
enum XESElementName {
    @inline(__always)
    static func isLog(_ name: UnsafePointer<UInt8>) -> Bool { equals(name, "log") }

    @inline(__always)
    static func isTrace(_ name: UnsafePointer<UInt8>) -> Bool { equals(name, "trace") }

    @inline(__always)
    static func isEvent(_ name: UnsafePointer<UInt8>) -> Bool { equals(name, "event") }

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
