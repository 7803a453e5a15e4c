import FuzzSupport

/// The timestamp parser on arbitrary bytes; whatever it accepts, written back in ISO 8601
/// with its offset, reads as the same instant.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamp(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    struct Zones {
        nonisolated(unsafe) static var parsers = ["UTC", "Europe/Amsterdam", "America/New_York"].map {
            try! TimestampParser(timeZone: $0)
        }
        static let clock = try! ZonedClock(timeZone: "Europe/Amsterdam")
    }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for index in Zones.parsers.indices {
        guard let instant = Zones.parsers[index].parse(bytes) else { continue }
        let text = Zones.clock.iso8601(instant)
        var again = Zones.parsers[0]
        let reread = Array(text.utf8).withUnsafeBytes { again.parse($0) }
        precondition(reread == instant, "\(text) does not read back as the same instant")
    }
    return 0
}
