/// Reads the timestamps of event logs, byte by byte, without allocating.
///
/// A log has one timestamp per event, millions of them, so this is on the hot path:
/// Foundation's `ISO8601DateFormatter` costs about 30 µs a date, this about 20 ns.
///
/// Accepted forms, and nothing else (no guessing of day/month order):
/// - ISO 8601: `2014-10-22T11:15:41`, a space instead of `T`, seconds optional
///   (`2014-10-22T11:15`), a fraction of 1–9 digits after the seconds (microseconds are kept,
///   further digits dropped), and an optional offset `Z`, `z`, `+02:00`, `+0200` or `+02`.
/// - Disco exports: `2014/10/22 11:15:41` (or with `T`), optionally `.000`; never an offset.
/// - A date alone, `2014-10-22` or `2014/10/22`: midnight, local time.
///
/// Times without an offset are wall-clock times in `timeZone`, converted to instants through
/// it (never relabelled), deterministically around daylight-saving changes:
/// - a wall time the clock showed twice (autumn overlap) is the earlier instant, read with the
///   offset in effect before the change: `2024-10-27 02:30` in Amsterdam is `02:30+02:00`;
/// - a wall time the clock skipped (spring gap) is read with the offset before the change,
///   which moves it forward by the gap: `2024-03-31 02:30` in Amsterdam is `03:30+02:00`.
///
/// Zone offsets come from Foundation once per distinct local day (once per hour on the two
/// days a year with a change) and are cached. Second 60 (a leap second) is read as the first
/// second of the next minute.
public struct TimestampParser: Sendable {
    /// True once any timestamp without an offset was read (the command line then says once
    /// which zone was assumed).
    public private(set) var sawLocalTime = false

    private let rules: ZoneRules
    /// Offsets by local day, direct-mapped: `(day << 32) | offset`, or `emptyDay`. A day
    /// without an offset change (all but two a year) is answered here in a few nanoseconds;
    /// 4,096 slots hold eleven years without collisions.
    private var dayCache = [Int64](repeating: Self.emptyDay, count: Self.dayCacheSlots)
    private static let dayCacheSlots = 4096
    private static let emptyDay = Int64.min
    /// Offsets by local hour, for the days with a change.
    private var hourCache = HourOffsetCache()

    /// `timeZone`: IANA name in which timestamps without an offset are read; an unknown name
    /// throws an error naming it.
    public init(timeZone: String = "UTC") throws(DiagnosticError) {
        rules = try ZoneRules(identifier: timeZone)
    }

    /// The zone's IANA name as given.
    public var timeZone: String { rules.identifier }

    /// Parses a timestamp given as text (for the command line and tests; readers pass bytes).
    public mutating func parse(_ text: String) -> Instant? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses one timestamp's bytes (already unquoted); nil if they are not one of the accepted
    /// forms or name an impossible date or time.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) -> Instant? {
        let count = bytes.count
        guard count >= 10, let base = bytes.baseAddress else { return nil }
        let text = base.assumingMemoryBound(to: UInt8.self)

        /// The number in the `width` digits at `start`, or -1 if one of them is not a digit.
        @inline(__always)
        func number(_ start: Int, _ width: Int) -> Int {
            var value = 0
            for index in start..<(start + width) {
                let digit = Int(text[index]) &- 48
                if UInt(bitPattern: digit) > 9 { return -1 }
                value = value * 10 + digit
            }
            return value
        }

        // The date: yyyy-MM-dd or yyyy/MM/dd, one separator throughout.
        let separator = text[4]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"),
            text[7] == separator
        else { return nil }
        let year = number(0, 4)
        let month = number(5, 2)
        let day = number(8, 2)
        guard year >= 0, month >= 1, month <= 12, day >= 1,
            day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        let isDisco = separator == UInt8(ascii: "/")
        var seconds = Int64(CivilCalendar.days(year: year, month: month, day: day)) * 86_400
        var micros: Int64 = 0

        if count > 10 {
            // The time: HH:mm, then :ss and a fraction.
            guard count >= 16, text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: " "),
                text[13] == UInt8(ascii: ":")
            else { return nil }
            let hour = number(11, 2)
            let minute = number(14, 2)
            guard hour >= 0, hour <= 23, minute >= 0, minute <= 59 else { return nil }
            seconds += Int64(hour * 3600 + minute * 60)
            var index = 16
            var hasSeconds = false
            if index < count && text[index] == UInt8(ascii: ":") {
                guard index + 3 <= count else { return nil }
                let second = number(index + 1, 2)
                guard second >= 0, second <= 60 else { return nil }
                seconds += Int64(second)
                hasSeconds = true
                index += 3
                if index < count && text[index] == UInt8(ascii: ".") {
                    index += 1
                    let start = index
                    var scale: Int64 = 100_000
                    while index < count {
                        let digit = Int64(text[index]) &- 48
                        if UInt64(bitPattern: digit) > 9 { break }
                        micros += digit * scale
                        scale /= 10
                        index += 1
                    }
                    let digits = index - start
                    guard digits >= 1, digits <= 9 else { return nil }
                }
            }
            if isDisco {
                // Disco writes full seconds and never an offset.
                guard hasSeconds, index == count else { return nil }
            } else if index < count {
                guard let offset = Self.offset(text + index, count - index) else { return nil }
                return Instant(microseconds: (seconds - Int64(offset)) * 1_000_000 + micros)
            }
        }

        sawLocalTime = true
        return Instant(microseconds: (seconds - Int64(zoneOffset(local: seconds))) * 1_000_000 + micros)
    }

    /// An offset suffix in seconds east of UTC: `Z`, `z`, `±hh:mm`, `±hhmm`, `±hh`, or
    /// `±hh:mm:ss` (local mean time before about 1900, as `ZonedClock` writes it), at most 18
    /// hours; nil for anything else (including trailing bytes).
    @inline(__always)
    private static func offset(_ text: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        let sign = text[0]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return count == 1 ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        @inline(__always)
        func twoDigits(_ start: Int) -> Int {
            let tens = Int(text[start]) &- 48
            let ones = Int(text[start + 1]) &- 48
            guard UInt(bitPattern: tens) <= 9, UInt(bitPattern: ones) <= 9 else { return -1 }
            return tens * 10 + ones
        }
        let hours: Int
        let minutes: Int
        var seconds = 0
        switch count {
        case 3:
            hours = twoDigits(1)
            minutes = 0
        case 9 where text[3] == UInt8(ascii: ":") && text[6] == UInt8(ascii: ":"):
            hours = twoDigits(1)
            minutes = twoDigits(4)
            seconds = twoDigits(7)
            guard seconds >= 0, seconds <= 59 else { return nil }
        case 5:
            hours = twoDigits(1)
            minutes = twoDigits(3)
        case 6 where text[3] == UInt8(ascii: ":"):
            hours = twoDigits(1)
            minutes = twoDigits(4)
        default:
            return nil
        }
        guard hours >= 0, minutes >= 0, minutes <= 59 else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        guard total <= 18 * 3600 else { return nil }
        return sign == UInt8(ascii: "-") ? -total : total
    }

    /// The zone's offset for wall-clock seconds `local`: from the day cache, else the hour cache,
    /// else Foundation (once per distinct hour, or per timestamp in an hour that holds a change).
    @inline(__always)
    private mutating func zoneOffset(local: Int64) -> Int {
        if let fixed = rules.fixedOffset { return fixed }
        let day = CivilCalendar.floorDivide(local, CivilCalendar.secondsPerDay)
        let entry = dayCache[Int(truncatingIfNeeded: day) & (Self.dayCacheSlots - 1)]
        let offset = Int32(truncatingIfNeeded: entry)
        if entry >> 32 == day && offset != HourOffsetCache.mixedHour { return Int(offset) }
        return zoneOffsetSlow(local: local, day: day, known: entry >> 32 == day)
    }

    private mutating func zoneOffsetSlow(local: Int64, day: Int64, known: Bool) -> Int {
        if !known {
            let dayStart = day * CivilCalendar.secondsPerDay
            let first = rules.resolve(local: dayStart)
            let uniform: Int32
            if case .unique(let offset) = first, rules.resolve(local: dayStart + 86_399) == first {
                uniform = Int32(offset)
            } else {
                uniform = HourOffsetCache.mixedHour
            }
            dayCache[Int(truncatingIfNeeded: day) & (Self.dayCacheSlots - 1)] =
                day << 32 | Int64(UInt32(bitPattern: uniform))
            if uniform != HourOffsetCache.mixedHour { return Int(uniform) }
        }
        // A day with a change: by hour.
        let hour = CivilCalendar.floorDivide(local, 3600)
        var offset = hourCache.offset(hour: hour)
        if offset == nil {
            // One hour resolves alike throughout unless an offset change falls inside it.
            let first = rules.resolve(local: hour * 3600)
            let last = rules.resolve(local: hour * 3600 + 3599)
            offset = first == last ? Int32(first.offset) : HourOffsetCache.mixedHour
            hourCache.insert(hour: hour, offset: offset!)
        }
        if offset == HourOffsetCache.mixedHour { return rules.resolve(local: local).offset }
        return Int(offset!)
    }
}
