import Testing

@testable import PathvarCore

/// Inputs the fuzzers found (Tests/Fuzz/run), kept as regression tests.
@Suite struct FuzzFindingsTests {
    /// FuzzDuration: `P000000000379886307W` overflowed Int64 microseconds and trapped; the
    /// others are the crash inputs it saved before the fix, and their overflowing prefixes.
    @Test(arguments: [
        "P000000000379886307W", "P999999999DT999999999H", "PT5333333332HsS", "PT5333333332H",
        "P2010000000DTP0", "P2010000000D",
    ])
    func hugeDurationIsAnErrorNotATrap(text: String) {
        #expect(throws: ISODuration.ParseError.self) { try ISODuration.parse(text) }
    }

    /// FuzzTimestamp: a local time in the year 24, in zones with daylight saving today.
    @Test(arguments: ["UTC", "Europe/Amsterdam", "America/New_York"])
    func ancientLocalTimeReadsBackAsTheSameInstant(zone: String) throws {
        var parser = try TimestampParser(timeZone: zone)
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        var utc = try TimestampParser(timeZone: "UTC")
        let text = "0024-10-27T02:30:00"
        guard let instant = Array(text.utf8).withUnsafeBytes({ parser.parse($0) }) else { return }
        let written = clock.iso8601(instant)
        #expect(Array(written.utf8).withUnsafeBytes { utc.parse($0) } == instant, "\(written)")
    }
}

@Suite struct OffsetWithSecondsTests {
    /// Offsets with seconds (local mean time) are read, since `ZonedClock` writes them.
    @Test func offsetWithSecondsIsRead() throws {
        var parser = try TimestampParser(timeZone: "UTC")
        let text = "1890-01-01T00:17:30+00:17:30"
        #expect(Array(text.utf8).withUnsafeBytes { parser.parse($0) } == Instant(microseconds: -2_524_521_600_000_000))
        let bad = "1890-01-01T00:17:30+00:17:60"
        #expect(Array(bad.utf8).withUnsafeBytes { parser.parse($0) } == nil)
    }
}
