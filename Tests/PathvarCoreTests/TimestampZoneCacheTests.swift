import Testing

@testable import PathvarCore

/// The zone-offset caches behind `TimestampParser`, and offsets that are not whole minutes.
@Suite struct TimestampZoneCacheTests {
    /// The day cache is direct-mapped over 4,096 days: days that share a slot must not mix up.
    @Test func daysThatShareACacheSlotKeepTheirOwnOffsets() throws {
        var parser = try TimestampParser(timeZone: "Europe/Amsterdam")
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        // Each group is 4,096 days apart (one slot), alternating summer and winter time, and
        // a change day (2024-10-27) against an ordinary one.
        let texts = [
            "2014-07-01T12:00:00", "2003-04-14T12:00:00", "2025-09-17T12:00:00",
            "2014-01-15T12:00:00", "2002-10-29T12:00:00", "2025-04-03T12:00:00",
            "2024-10-27T12:00:00", "2013-08-10T12:00:00", "2036-01-14T12:00:00",
        ]
        for _ in 0..<2 {
            for text in texts {
                let parsed = parser.parse(text)
                let instant = try #require(parsed)
                #expect(clock.iso8601(instant).hasPrefix(text), "\(text)")
            }
        }
    }

    /// Until 1972 Liberia kept an offset of -00:44:30: printed with its seconds.
    @Test func offsetsWithSecondsKeepThem() throws {
        var parser = try TimestampParser(timeZone: "Africa/Monrovia")
        let clock = try ZonedClock(timeZone: "Africa/Monrovia")
        let parsed = parser.parse("1960-01-01T12:00:00")
        let instant = try #require(parsed)
        #expect(clock.iso8601(instant) == "1960-01-01T12:00:00-00:44:30")
    }
}
