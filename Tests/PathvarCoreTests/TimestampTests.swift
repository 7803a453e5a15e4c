import Testing

@testable import PathvarCore

/// Microseconds since the epoch of a UTC date and time, computed independently of the parser.
private func utc(
    _ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
    micros: Int64 = 0
) -> Instant {
    let days = Int64(CivilCalendar.days(year: year, month: month, day: day))
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    return Instant(microseconds: seconds * 1_000_000 + micros)
}

@Suite struct TimestampTests {
    @Test func civilCalendarMatchesKnownDays() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.days(year: 1, month: 1, day: 1) == -719_162)
        for day in stride(from: -800_000, through: 3_000_000, by: 997) {
            let date = CivilCalendar.date(days: day)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == day)
        }
    }

    static let utcForms: [(String, Instant)] = [
        ("2014-10-22T11:15:41", utc(2014, 10, 22, 11, 15, 41)),
        ("2014-10-22 11:15:41", utc(2014, 10, 22, 11, 15, 41)),
        ("2014-10-22T11:15", utc(2014, 10, 22, 11, 15)),
        ("2014-10-22 11:15", utc(2014, 10, 22, 11, 15)),
        ("2014-10-22T11:15:41Z", utc(2014, 10, 22, 11, 15, 41)),
        ("2014-10-22T11:15:41z", utc(2014, 10, 22, 11, 15, 41)),
        ("2014-10-22T11:15Z", utc(2014, 10, 22, 11, 15)),
        ("2014-10-22T11:15:41.5", utc(2014, 10, 22, 11, 15, 41, micros: 500_000)),
        ("2014-10-22T11:15:41.123", utc(2014, 10, 22, 11, 15, 41, micros: 123_000)),
        ("2014-10-22T11:15:41.123456", utc(2014, 10, 22, 11, 15, 41, micros: 123_456)),
        ("2014-10-22T11:15:41.123456789", utc(2014, 10, 22, 11, 15, 41, micros: 123_456)),
        ("2014-10-22T11:15:41.000+02:00", utc(2014, 10, 22, 9, 15, 41)),
        ("2014-10-22T11:15:41+02:00", utc(2014, 10, 22, 9, 15, 41)),
        ("2014-10-22T11:15:41+0200", utc(2014, 10, 22, 9, 15, 41)),
        ("2014-10-22T11:15:41+02", utc(2014, 10, 22, 9, 15, 41)),
        ("2014-10-22T11:15:41-05:30", utc(2014, 10, 22, 16, 45, 41)),
        ("2014-10-22T01:15:41+18:00", utc(2014, 10, 21, 7, 15, 41)),
        ("2014-10-22T11:15:41-00:00", utc(2014, 10, 22, 11, 15, 41)),
        ("2014/10/22 11:15:41", utc(2014, 10, 22, 11, 15, 41)),
        ("2014/10/22 11:15:41.000", utc(2014, 10, 22, 11, 15, 41)),
        ("2014/10/22 11:15:41.250", utc(2014, 10, 22, 11, 15, 41, micros: 250_000)),
        ("2014/10/22T11:15:41", utc(2014, 10, 22, 11, 15, 41)),
        ("2014-10-22", utc(2014, 10, 22)),
        ("2014/10/22", utc(2014, 10, 22)),
        ("2024-02-29", utc(2024, 2, 29)),
        ("2000-02-29T00:00:00", utc(2000, 2, 29)),
        ("1969-12-31T23:59:59.5", utc(1969, 12, 31, 23, 59, 59, micros: 500_000)),
        ("2016-12-31T23:59:60Z", utc(2017, 1, 1)),
        ("0001-01-01T00:00:00Z", utc(1, 1, 1)),
        ("9999-12-31T23:59:59Z", utc(9999, 12, 31, 23, 59, 59)),
    ]

    @Test(arguments: utcForms)
    func acceptedForms(text: String, expected: Instant) throws {
        var parser = try TimestampParser(timeZone: "UTC")
        #expect(parser.parse(text) == expected)
    }

    static let rejected: [String] = [
        "", "2014", "2014-10", "2014-10-2", "14-10-22", "2014-10-22T", "2014-10-22T11",
        "2014-10-22T11:1", "2014-10-22T11:15:4", "2014-10-22T11:15:41.", "2014-10-22T11:15.5",
        "2014-10-22T11:15:41.1234567890", "2014-10-22T11:15:41 ", " 2014-10-22", "2014-10-22 ",
        "2014-10-22X11:15:41", "2014-10-22t11:15:41", "2014-10/22", "2014/10-22",
        "2014-10-22T11:15:41+2", "2014-10-22T11:15:41+02:0", "2014-10-22T11:15:41+020",
        "2014-10-22T11:15:41+18:01", "2014-10-22T11:15:41+19",
        "2014-10-22T11:15:41+02:60", "2014-10-22T11:15:41ZZ", "2014-10-22T11:15:41 +02:00",
        "2014/10/22 11:15", "2014/10/22 11:15:41Z", "2014/10/22 11:15:41+02:00",
        "2023-02-29", "2024-02-30", "2024-13-01", "2024-00-10", "2024-04-31", "2024-01-00",
        "2024-01-32", "2024-01-01T25:00", "2024-01-01T24:00:00", "2024-01-01T23:60",
        "2024-01-01T23:59:61", "2024-0a-01", "２０２４-01-01", "22/10/2014 11:15:41",
        "10/22/2014", "2014-10-22T11:15:41,5", "+2014-10-22",
    ]

    @Test(arguments: rejected)
    func rejectsEverythingElse(text: String) throws {
        var parser = try TimestampParser(timeZone: "UTC")
        #expect(parser.parse(text) == nil)
    }

    @Test func localTimeIsConvertedThroughTheZoneAndNoted() throws {
        var parser = try TimestampParser(timeZone: "Europe/Amsterdam")
        #expect(parser.timeZone == "Europe/Amsterdam")
        #expect(!parser.sawLocalTime)
        // An explicit offset is not local time.
        #expect(parser.parse("2014-10-22T11:15:41+02:00") == utc(2014, 10, 22, 9, 15, 41))
        #expect(!parser.sawLocalTime)
        // Summer time (+02:00) and winter time (+01:00).
        #expect(parser.parse("2014/10/22 11:15:41.000") == utc(2014, 10, 22, 9, 15, 41))
        #expect(parser.sawLocalTime)
        #expect(parser.parse("2014/12/22 11:15:41.000") == utc(2014, 12, 22, 10, 15, 41))
        #expect(parser.parse("2014-12-22") == utc(2014, 12, 21, 23))
        // Again, from the cache.
        #expect(
            parser.parse("2014/10/22 11:59:59.999") == utc(2014, 10, 22, 9, 59, 59, micros: 999_000))
    }

    /// Amsterdam, 27 October 2024: at 03:00 CEST the clocks went back to 02:00 CET, so the
    /// wall-clock hour 02:00–02:59 happened twice. The earlier (summer time) reading is taken.
    @Test func autumnOverlapTakesTheEarlierInstant() throws {
        var parser = try TimestampParser(timeZone: "Europe/Amsterdam")
        #expect(parser.parse("2024-10-27T01:59:59") == utc(2024, 10, 26, 23, 59, 59))
        #expect(parser.parse("2024-10-27T02:00:00") == utc(2024, 10, 27, 0, 0, 0))
        #expect(parser.parse("2024-10-27T02:30:00") == utc(2024, 10, 27, 0, 30, 0))
        #expect(parser.parse("2024-10-27T02:59:59") == utc(2024, 10, 27, 0, 59, 59))
        #expect(parser.parse("2024-10-27T03:00:00") == utc(2024, 10, 27, 2, 0, 0))
        // Durations stay true across the change: 01:30 to 03:30 local is three hours.
        let beforeParsed = parser.parse("2024-10-27T01:30:00")
        let before = try #require(beforeParsed)
        let afterParsed = parser.parse("2024-10-27T03:30:00")
        let after = try #require(afterParsed)
        #expect(after.microseconds - before.microseconds == 3 * 3_600_000_000)
    }

    /// Amsterdam, 31 March 2024: at 02:00 CET the clocks jumped to 03:00 CEST, so 02:00–02:59
    /// never happened. Such a time is read with the winter offset: it moves an hour forward.
    @Test func springGapShiftsForward() throws {
        var parser = try TimestampParser(timeZone: "Europe/Amsterdam")
        #expect(parser.parse("2024-03-31T01:59:59") == utc(2024, 3, 31, 0, 59, 59))
        #expect(parser.parse("2024-03-31T02:30:00") == utc(2024, 3, 31, 1, 30, 0))
        #expect(parser.parse("2024-03-31T03:30:00") == utc(2024, 3, 31, 1, 30, 0))
        #expect(parser.parse("2024-03-31T04:00:00") == utc(2024, 3, 31, 2, 0, 0))
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        let gap = parser.parse("2024-03-31T02:30:00")
        #expect(
            clock.iso8601(try #require(gap))
                == "2024-03-31T03:30:00+02:00")
    }

    /// Lord Howe Island changes by half an hour at 02:00 local: such hours are resolved one
    /// timestamp at a time rather than from the hour cache.
    @Test func halfHourChangesResolvePerTimestamp() throws {
        var parser = try TimestampParser(timeZone: "Australia/Lord_Howe")
        let clock = try ZonedClock(timeZone: "Australia/Lord_Howe")
        // 7 April 2024: 02:00 +11:00 became 01:30 +10:30; 01:45 happened twice.
        let repeatedParsed = parser.parse("2024-04-07T01:45:00")
        let repeated = try #require(repeatedParsed)
        #expect(clock.iso8601(repeated) == "2024-04-07T01:45:00+11:00")
        let afterParsed = parser.parse("2024-04-07T01:15:00")
        let after = try #require(afterParsed)
        #expect(clock.iso8601(after) == "2024-04-07T01:15:00+11:00")
        let laterParsed = parser.parse("2024-04-07T02:15:00")
        let later = try #require(laterParsed)
        #expect(clock.iso8601(later) == "2024-04-07T02:15:00+10:30")
    }

    static let roundTrips: [String] = [
        "2014-10-22T11:15:41+02:00", "2014-12-22T11:15:41+01:00", "2014-10-22T11:15:41.123+02:00",
        "2014-10-22T11:15:41.000001+02:00", "2014-10-22T11:15:41.120500+02:00",
        "2024-10-27T02:30:00+02:00", "2024-10-27T02:30:00+01:00", "1960-06-01T00:00:00+01:00",
    ]

    @Test(arguments: roundTrips)
    func roundTripsThroughZonedClock(text: String) throws {
        var parser = try TimestampParser(timeZone: "UTC")
        let clock = try ZonedClock(timeZone: "Europe/Amsterdam")
        let instantParsed = parser.parse(text)
        let instant = try #require(instantParsed)
        #expect(clock.iso8601(instant) == text)
        #expect(parser.parse(clock.iso8601(instant)) == instant)
    }

    @Test func utcPrintsAnOffsetNotZ() throws {
        let clock = try ZonedClock(timeZone: "UTC")
        #expect(clock.iso8601(utc(2014, 10, 22, 11, 15, 41)) == "2014-10-22T11:15:41+00:00")
        #expect(
            clock.iso8601(utc(1969, 12, 31, 23, 59, 59, micros: 1)) == "1969-12-31T23:59:59.000001+00:00")
        let newYork = try ZonedClock(timeZone: "America/New_York")
        #expect(newYork.iso8601(utc(2014, 1, 1, 12)) == "2014-01-01T07:00:00-05:00")
    }

    @Test func localDateFollowsTheZone() throws {
        let amsterdam = try ZonedClock(timeZone: "Europe/Amsterdam")
        // 23:30 UTC on 31 October is already 1 November in Amsterdam.
        let instant = utc(2014, 10, 31, 23, 30)
        #expect(amsterdam.localDate(instant) == (2014, 11, 1))
        #expect(amsterdam.yearMonth(instant) == "2014-11")
        let utcClock = try ZonedClock(timeZone: "UTC")
        #expect(utcClock.localDate(instant) == (2014, 10, 31))
        #expect(utcClock.yearMonth(instant) == "2014-10")
    }

    @Test(arguments: ["Mars/Olympus_Mons", "", "Europe/Amsterdamm"])
    func unknownZoneIsAnError(name: String) {
        let expected =
            "<command line>: error: unknown time zone \"\(name)\": use an IANA name such as"
            + " \"Europe/Amsterdam\" or \"UTC\""
        #expect(throws: DiagnosticError.self) { try TimestampParser(timeZone: name) }
        do {
            _ = try TimestampParser(timeZone: name)
        } catch {
            #expect(error.description == expected)
        }
        do {
            _ = try ZonedClock(timeZone: name)
        } catch {
            #expect(error.description == expected)
        }
    }
}
