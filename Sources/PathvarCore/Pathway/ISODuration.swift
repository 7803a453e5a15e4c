/// A length of time written as an ISO 8601 duration (`PT30M`, `P2D`, `PT1H30M`, `P1W`).
///
/// Only weeks, days, hours, minutes and seconds are allowed: years and months have no fixed
/// length, and a window such as "within one month" is ambiguous at the edges, so a pathway
/// says `P30D` or `P31D` instead. Days are 24 hours (elapsed time, not calendar days).
public struct ISODuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var microseconds: Int64
    /// The text as the pathway wrote it, for reports (`<= PT1H after triage`).
    public var text: String

    public init(microseconds: Int64, text: String) {
        self.microseconds = microseconds
        self.text = text
    }

    public static func < (lhs: ISODuration, rhs: ISODuration) -> Bool {
        lhs.microseconds < rhs.microseconds
    }

    public var description: String { text }

    public struct ParseError: Error, Sendable, Equatable {
        /// What was wrong, worded for the person who wrote the pathway.
        public var message: String
    }

    /// Parses `P[nW][nD][T[nH][nM][n[.f]S]]`; at least one component, fractions on seconds only.
    public static func parse(_ text: String) throws(ParseError) -> ISODuration {
        let bytes = Array(text.utf8)
        func fail(_ why: String) -> ParseError {
            ParseError(message: "'\(text)' is not a duration: \(why); write for example PT30M, PT1H30M or P2D")
        }
        guard bytes.first == UInt8(ascii: "P") else { throw fail("it must start with P") }
        var index = 1
        var inTime = false
        var total: Int64 = 0
        var components = 0
        // Designators must come in this order; each at most once.
        var lastRank = -1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime else { throw fail("T appears twice") }
                inTime = true
                index += 1
                guard index < bytes.count else { throw fail("nothing follows T") }
                continue
            }
            var whole: Int64 = 0
            var digits = 0
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                guard whole < 1_000_000_000 else { throw fail("the number is too large") }
                whole = whole * 10 + Int64(digit)
                digits += 1
                index += 1
            }
            var fraction: Int64 = 0
            var hasFraction = false
            if index < bytes.count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
                hasFraction = true
                index += 1
                var scale: Int64 = 100_000
                var fractionDigits = 0
                while index < bytes.count, let digit = Self.digit(bytes[index]) {
                    fraction += Int64(digit) * scale
                    scale /= 10
                    fractionDigits += 1
                    index += 1
                }
                guard fractionDigits > 0 else { throw fail("a decimal point must be followed by digits") }
            }
            guard digits > 0 else { throw fail("a number must come before each unit") }
            guard index < bytes.count else { throw fail("the last number has no unit") }
            let unit = bytes[index]
            index += 1
            let rank: Int
            let size: Int64
            switch (unit, inTime) {
            case (UInt8(ascii: "Y"), false): throw fail("years have no fixed length; use days")
            case (UInt8(ascii: "M"), false): throw fail("months have no fixed length; use days")
            case (UInt8(ascii: "W"), false): (rank, size) = (0, 7 * 86_400_000_000)
            case (UInt8(ascii: "D"), false): (rank, size) = (1, 86_400_000_000)
            case (UInt8(ascii: "H"), true): (rank, size) = (2, 3_600_000_000)
            case (UInt8(ascii: "M"), true): (rank, size) = (3, 60_000_000)
            case (UInt8(ascii: "S"), true): (rank, size) = (4, 1_000_000)
            default:
                let shown = String(decoding: [unit], as: UTF8.self)
                throw fail("'\(shown)' is not a unit here (W or D before T; H, M or S after it)")
            }
            guard rank > lastRank else { throw fail("units must come in the order W, D, H, M, S, once each") }
            guard !hasFraction || rank == 4 else { throw fail("only seconds may have a fraction") }
            lastRank = rank
            // Leading zeros can make many digits a small number, but not every product fits:
            // about 290,000 years of microseconds is the most an Int64 holds.
            let (product, overflowed) = whole.multipliedReportingOverflow(by: size)
            let (sum, overflowedAgain) = total.addingReportingOverflow(product &+ (hasFraction ? fraction : 0))
            guard !overflowed, !overflowedAgain else { throw fail("it is too long") }
            total = sum
            components += 1
        }
        guard components > 0 else { throw fail("it has no number") }
        return ISODuration(microseconds: total, text: text)
    }

    /// A measured delay in the same notation (`PT1H25M`, `P1DT2H`, `-PT5M`), for reports.
    public static func format(microseconds: Int64) -> String {
        if microseconds == 0 { return "PT0S" }
        var rest = microseconds.magnitude
        var text = microseconds < 0 ? "-P" : "P"
        let days = rest / 86_400_000_000
        rest %= 86_400_000_000
        if days > 0 { text += "\(days)D" }
        if rest > 0 {
            text += "T"
            let hours = rest / 3_600_000_000
            rest %= 3_600_000_000
            let minutes = rest / 60_000_000
            rest %= 60_000_000
            let seconds = rest / 1_000_000
            let fraction = rest % 1_000_000
            if hours > 0 { text += "\(hours)H" }
            if minutes > 0 { text += "\(minutes)M" }
            if seconds > 0 || fraction > 0 {
                text += "\(seconds)"
                if fraction > 0 {
                    var digits = String(fraction)
                    digits = String(repeating: "0", count: 6 - digits.count) + digits
                    while digits.hasSuffix("0") { digits.removeLast() }
                    text += "." + digits
                }
                text += "S"
            }
        }
        return text
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
    }
}
