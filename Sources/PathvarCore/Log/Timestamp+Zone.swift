import Foundation

/// An IANA time zone's rules, asked through Foundation (which reads the system's tz database).
///
/// Foundation costs about a microsecond a question, so it is kept off the hot path:
/// `TimestampParser` asks once per distinct local hour and caches the answer.
struct ZoneRules: Sendable {
    let identifier: String
    private let zone: TimeZone
    /// The offset of a zone that never changes (UTC and its aliases), so that no lookup is needed.
    let fixedOffset: Int?

    private static let utcAliases: Set<String> = [
        "UTC", "GMT", "UCT", "Zulu", "Universal", "Greenwich", "GMT0", "Etc/UTC", "Etc/GMT",
        "Etc/UCT", "Etc/Zulu", "Etc/Universal", "Etc/Greenwich", "Etc/GMT0",
    ]

    /// Loads the zone, or throws an error naming it, as a mistake on the command line.
    init(identifier: String) throws(DiagnosticError) {
        if Self.utcAliases.contains(identifier) {
            self.identifier = identifier
            self.zone = TimeZone(secondsFromGMT: 0)!
            self.fixedOffset = 0
            return
        }
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else {
            throw DiagnosticError(
                .error(
                    "unknown time zone \"\(identifier)\": use an IANA name such as \"Europe/Amsterdam\""
                        + " or \"UTC\"",
                    at: SourceLocation(file: "<command line>")))
        }
        self.identifier = identifier
        self.zone = zone
        self.fixedOffset = nil
    }

    /// Seconds east of UTC in effect at `utcSeconds` (seconds since the epoch).
    func offset(atUTC utcSeconds: Int64) -> Int {
        if let fixedOffset { return fixedOffset }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds)))
    }

    /// How a wall-clock time maps to instants around a daylight-saving change.
    enum WallTime: Equatable {
        /// The usual case: exactly one instant shows this wall-clock time.
        case unique(offset: Int)
        /// The autumn overlap: the clock showed this time twice; `offset` is the earlier one.
        case repeated(offset: Int)
        /// The spring-forward gap: the clock never showed this time; `offset` is the one before
        /// the change, which moves the time forward by the length of the gap.
        case skipped(offset: Int)

        var offset: Int {
            switch self {
            case .unique(let offset), .repeated(let offset), .skipped(let offset): offset
            }
        }
    }

    /// The offset to subtract from wall-clock seconds `local` (seconds since the epoch as if the
    /// wall clock were UTC) to get the instant.
    ///
    /// Deterministic around daylight-saving changes, as `java.time` and Python's `zoneinfo`
    /// resolve them by default:
    /// - a time the clock showed twice (autumn overlap) takes the earlier instant, i.e. the
    ///   offset in effect before the change (`2024-10-27 02:30` in Amsterdam is `+02:00`);
    /// - a time the clock skipped (spring gap) is read with the offset before the change, so it
    ///   lands after the gap (`2024-03-31 02:30` in Amsterdam is `03:30+02:00`).
    func resolve(local: Int64) -> WallTime {
        if let fixedOffset { return .unique(offset: fixedOffset) }
        // One day either side is beyond any offset (at most ±18 h), so these are the offsets in
        // effect before and after any change near this time (changes are months apart).
        let before = offset(atUTC: local - CivilCalendar.secondsPerDay)
        let after = offset(atUTC: local + CivilCalendar.secondsPerDay)
        if before == after { return .unique(offset: before) }
        let beforeFits = offset(atUTC: local - Int64(before)) == before
        let afterFits = offset(atUTC: local - Int64(after)) == after
        switch (beforeFits, afterFits) {
        case (true, true): return .repeated(offset: before)
        case (true, false): return .unique(offset: before)
        case (false, true): return .unique(offset: after)
        case (false, false): return .skipped(offset: before)
        }
    }
}

/// Zone offsets by local hour, for `TimestampParser`: open addressing over two flat arrays.
///
/// A log spans at most some tens of thousands of distinct hours, so the table stays small;
/// each hour costs Foundation questions once.
struct HourOffsetCache: Sendable {
    /// Marks an hour with a change of offset inside it (a zone with half-hour changes, or
    /// historical local mean time): each timestamp in it is resolved on its own.
    static let mixedHour = Int32.min
    private static let empty = Int64.min

    private var hours: [Int64]
    private var offsets: [Int32]
    private var count = 0
    private var mask: Int

    init() {
        hours = Array(repeating: Self.empty, count: 256)
        offsets = Array(repeating: 0, count: 256)
        mask = 255
    }

    @inline(__always)
    private static func slot(_ hour: Int64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: hour) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always)
    func offset(hour: Int64) -> Int32? {
        var slot = Self.slot(hour, mask)
        while true {
            let stored = hours[slot]
            if stored == hour { return offsets[slot] }
            if stored == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(hour: Int64, offset: Int32) {
        if (count + 1) * 2 > hours.count { grow() }
        var slot = Self.slot(hour, mask)
        while hours[slot] != Self.empty && hours[slot] != hour { slot = (slot + 1) & mask }
        if hours[slot] == Self.empty { count += 1 }
        hours[slot] = hour
        offsets[slot] = offset
    }

    private mutating func grow() {
        let oldHours = hours
        let oldOffsets = offsets
        hours = Array(repeating: Self.empty, count: oldHours.count * 2)
        offsets = Array(repeating: 0, count: oldHours.count * 2)
        mask = hours.count - 1
        for index in oldHours.indices where oldHours[index] != Self.empty {
            var slot = Self.slot(oldHours[index], mask)
            while hours[slot] != Self.empty { slot = (slot + 1) & mask }
            hours[slot] = oldHours[index]
            offsets[slot] = oldOffsets[index]
        }
    }
}

/// Converts instants to local wall-clock time in a zone and formats them.
public struct ZonedClock: Sendable {
    let rules: ZoneRules

    /// `timeZone`: an IANA name; an unknown one throws an error naming it.
    public init(timeZone: String) throws(DiagnosticError) {
        rules = try ZoneRules(identifier: timeZone)
    }

    /// The zone's IANA name as given.
    public var timeZone: String { rules.identifier }

    /// Seconds east of UTC in effect at `instant`.
    public func offsetSeconds(at instant: Instant) -> Int {
        rules.offset(atUTC: CivilCalendar.floorDivide(instant.microseconds, 1_000_000))
    }

    /// `2014-10-22T11:15:41+02:00`, with `.123` when the milliseconds are not zero and six
    /// digits when there is a sub-millisecond part. UTC prints `+00:00`, never `Z`, so that
    /// every timestamp in a report has the same shape.
    public func iso8601(_ instant: Instant) -> String {
        let offset = offsetSeconds(at: instant)
        let local = instant.microseconds + Int64(offset) * 1_000_000
        let seconds = CivilCalendar.floorDivide(local, 1_000_000)
        let micros = Int(local - seconds * 1_000_000)
        let dayNumber = CivilCalendar.floorDivide(seconds, CivilCalendar.secondsPerDay)
        let secondOfDay = Int(seconds - dayNumber * CivilCalendar.secondsPerDay)
        let date = CivilCalendar.date(days: Int(dayNumber))

        var text = ""
        text.reserveCapacity(32)
        text += Self.padded(date.year, 4) + "-" + Self.padded(date.month, 2) + "-"
        text += Self.padded(date.day, 2) + "T" + Self.padded(secondOfDay / 3600, 2) + ":"
        text += Self.padded(secondOfDay / 60 % 60, 2) + ":" + Self.padded(secondOfDay % 60, 2)
        if micros % 1000 != 0 {
            text += "." + Self.padded(micros, 6)
        } else if micros != 0 {
            text += "." + Self.padded(micros / 1000, 3)
        }
        let magnitude = abs(offset)
        text += offset < 0 ? "-" : "+"
        text += Self.padded(magnitude / 3600, 2) + ":" + Self.padded(magnitude / 60 % 60, 2)
        // Local mean time before about 1900 had offsets in seconds; print them rather than lie.
        if magnitude % 60 != 0 { text += ":" + Self.padded(magnitude % 60, 2) }
        return text
    }

    /// The local calendar date of `instant`, for grouping by day or month.
    public func localDate(_ instant: Instant) -> (year: Int, month: Int, day: Int) {
        let local = instant.microseconds + Int64(offsetSeconds(at: instant)) * 1_000_000
        let seconds = CivilCalendar.floorDivide(local, 1_000_000)
        return CivilCalendar.date(
            days: Int(CivilCalendar.floorDivide(seconds, CivilCalendar.secondsPerDay)))
    }

    /// The local month of `instant` as `yyyy-MM`, the label of a monthly chart's bar.
    public func yearMonth(_ instant: Instant) -> String {
        let date = localDate(instant)
        return Self.monthLabel(year: date.year, month: date.month)
    }

    /// A month as `yyyy-MM`.
    public static func monthLabel(year: Int, month: Int) -> String {
        padded(year, 4) + "-" + padded(month, 2)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
