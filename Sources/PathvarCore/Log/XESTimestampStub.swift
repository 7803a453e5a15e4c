// TEMPORARY: stands in for `TimestampParser` from branch log-csv until it lands.
// Removed before this branch is finished.

/// Stub with the agreed API: ISO 8601 `YYYY-MM-DDTHH:MM:SS(.fff)(Z|±HH:MM)`, local times as UTC.
public struct TimestampParser: Sendable {
    public private(set) var sawLocalTime = false

    public init(timeZone: String) throws(DiagnosticError) {}

    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 19, let year = digits(0, 4), bytes[4] == 45, let month = digits(5, 2),
            bytes[7] == 45, let day = digits(8, 2), bytes[10] == 84 || bytes[10] == 32,
            let hour = digits(11, 2), bytes[13] == 58, let minute = digits(14, 2), bytes[16] == 58,
            let second = digits(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60, second < 61
        else { return nil }
        var index = 19
        var micros = 0
        if index < bytes.count && bytes[index] == 46 {
            index += 1
            var scale = 100_000
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                micros += Int(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index == bytes.count {
            sawLocalTime = true
        } else if bytes[index] == 90 && index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == 43 || bytes[index] == 45, index + 6 == bytes.count,
            let oh = digits(index + 1, 2), bytes[index + 3] == 58, let om = digits(index + 4, 2)
        {
            offset = (oh * 60 + om) * 60 * (bytes[index] == 45 ? -1 : 1)
        } else {
            return nil
        }
        // Days from civil (Howard Hinnant).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Instant(microseconds: Int64(seconds) * 1_000_000 + Int64(micros))
    }
}
