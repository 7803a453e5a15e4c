/// Checks that a kept field is text: valid UTF-8 without NUL bytes.
///
/// Every interned value ends up in a report, so a binary file or a log in another encoding
/// (Latin-1 exports are common) must stop with a clear message rather than print mojibake.
/// Most fields are ASCII: eight bytes are checked at a time, and only a word with a high bit
/// set goes through the full UTF-8 decoder.
enum TextCheck {
    enum Problem: Equatable {
        case nulByte
        case invalidUTF8
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    static func problem(in bytes: UnsafeRawBufferPointer) -> Problem? {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return nil }
        var index = 0
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & highBits != 0 { return slowProblem(in: bytes) }
            // A zero byte: the classic "has zero byte" test (exact when no high bit is set).
            if (word &- lowBits) & ~word & highBits != 0 { return .nulByte }
            index += 8
        }
        while index < count {
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte >= 0x80 { return slowProblem(in: bytes) }
            if byte == 0 { return .nulByte }
            index += 1
        }
        return nil
    }

    /// Full UTF-8 validation (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
    private static func slowProblem(in bytes: UnsafeRawBufferPointer) -> Problem? {
        var index = 0
        let count = bytes.count
        var sawNul = false
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0 { sawNul = true }
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return .invalidUTF8
            }
            guard index + length <= count else { return .invalidUTF8 }
            let second = bytes[index + 1]
            guard second >= lower && second <= upper else { return .invalidUTF8 }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
                return .invalidUTF8
            }
            index += length
        }
        return sawNul ? .nulByte : nil
    }
}
