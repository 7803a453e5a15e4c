import FuzzSupport

/// The ISO 8601 duration parser on arbitrary text; whatever it accepts, formatted back,
/// parses to the same length of time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let duration = try? ISODuration.parse(text) else { return 0 }
    precondition(duration.microseconds >= 0, "a negative duration")
    let formatted = ISODuration.format(microseconds: duration.microseconds)
    let again = try? ISODuration.parse(formatted)
    precondition(again?.microseconds == duration.microseconds, "\(text) → \(formatted) does not read back")
    return 0
}
