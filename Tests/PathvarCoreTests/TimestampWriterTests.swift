import Testing

@testable import PathvarCore

/// The reports' fast timestamp writer says exactly what `ZonedClock.iso8601` says.
@Suite struct TimestampWriterTests {
    @Test(arguments: ["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"])
    func agreesWithTheClock(zone: String) throws {
        let clock = try ZonedClock(timeZone: zone)
        var writer = TimestampWriter(clock: clock)
        var random = SplitMix64(seed: 7)
        // 1990 to 2040, with whole seconds, milliseconds and microseconds, and DST edges.
        var instants: [Int64] = [1_711_846_800_000_000, 1_729_990_800_000_000, 0, -1]
        for _ in 0..<5_000 {
            var micro = 631_152_000_000_000 + Int64(random.next() % 1_577_836_800_000_000)
            switch random.next() % 3 {
            case 0: micro -= micro % 1_000_000
            case 1: micro -= micro % 1_000
            default: break
            }
            instants.append(micro)
        }
        for micro in instants {
            var bytes: [UInt8] = []
            writer.append(Instant(microseconds: micro), to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == clock.iso8601(Instant(microseconds: micro)))
        }
    }
}
