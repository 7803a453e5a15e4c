/// Writes instants as ISO 8601 with the zone's offset (`2014-10-22T11:15:41+02:00`) straight
/// into a report's bytes: the same text as `ZonedClock.iso8601`, without a `String` per
/// timestamp, and with the zone's offset looked up once per hour rather than once per row.
///
/// Not thread-safe (it caches): give each thread that writes a report its own.
public struct TimestampWriter {
    public let clock: ZonedClock
    private var offsets: [Int64: Int] = [:]

    public init(clock: ZonedClock) { self.clock = clock }

    /// Appends `instant` to `bytes`.
    public mutating func append(_ instant: Instant, to bytes: inout [UInt8]) {
        let micro = instant.microseconds
        let hour = CivilCalendar.floorDivide(micro, 3_600_000_000)
        let offset: Int
        if let cached = offsets[hour] {
            offset = cached
        } else {
            // Offsets change on the hour everywhere today; a zone whose historical offsets had
            // seconds (local mean time) is rare enough to ask each time.
            offset = clock.offsetSeconds(at: Instant(microseconds: hour * 3_600_000_000))
            if offset % 60 == 0 && offset == clock.offsetSeconds(at: instant) { offsets[hour] = offset }
        }
        let local = micro + Int64(offset) * 1_000_000
        let seconds = CivilCalendar.floorDivide(local, 1_000_000)
        let fraction = Int(local - seconds * 1_000_000)
        let day = CivilCalendar.floorDivide(seconds, CivilCalendar.secondsPerDay)
        let second = Int(seconds - day * CivilCalendar.secondsPerDay)
        let date = CivilCalendar.date(days: Int(day))
        if date.year < 0 || date.year > 9999 {
            bytes.append(contentsOf: clock.iso8601(instant).utf8)
            return
        }
        digits(date.year, 4, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(date.month, 2, &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(date.day, 2, &bytes)
        bytes.append(UInt8(ascii: "T"))
        digits(second / 3600, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(second / 60 % 60, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(second % 60, 2, &bytes)
        if fraction % 1000 != 0 {
            bytes.append(UInt8(ascii: "."))
            digits(fraction, 6, &bytes)
        } else if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            digits(fraction / 1000, 3, &bytes)
        }
        let magnitude = abs(offset)
        bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        digits(magnitude / 3600, 2, &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(magnitude / 60 % 60, 2, &bytes)
        if magnitude % 60 != 0 {
            bytes.append(UInt8(ascii: ":"))
            digits(magnitude % 60, 2, &bytes)
        }
    }

    @inline(__always)
    private func digits(_ value: Int, _ width: Int, _ bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(48 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
