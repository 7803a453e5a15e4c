/// Builds an RFC 4180 CSV file in memory: fields quoted only when they must be, CRLF-free
/// (`\n` line ends, which every spreadsheet and CSV library reads), the same bytes every run.
///
/// Text that came from the input log (case ids, group names, activity labels) is written
/// spreadsheet-safe: a field starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
/// leading `'`, so that opening the file in a spreadsheet never runs a formula someone put
/// into a hospital system.
public struct CSVWriter {
    public private(set) var bytes: [UInt8] = []
    private var atLineStart = true

    public init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        row(header)
    }

    /// A writer for rows only: a chunk of a file whose header another writer has.
    public init() {}

    /// A field as it will stand in the file (escaped, quoted when needed), to append many times.
    public static func encoded(_ field: String, fromInput: Bool) -> [UInt8] {
        var writer = CSVWriter()
        writer.append(field, fromInput: fromInput)
        return writer.bytes
    }

    /// Appends one row of our own text (numbers, ids from the pathway, fixed words).
    public mutating func row(_ fields: [String]) {
        for field in fields { append(field, fromInput: false) }
        endRow()
    }

    /// Appends a field; `fromInput` marks text taken from the log.
    public mutating func append(_ field: String, fromInput: Bool) {
        var text = field
        text.withUTF8 { append(bytes: UnsafeRawBufferPointer($0), fromInput: fromInput) }
    }

    /// Appends a field given as UTF-8 bytes (a symbol straight from the log's table), with
    /// the same quoting and spreadsheet guard as text.
    public mutating func append(bytes field: UnsafeRawBufferPointer, fromInput: Bool) {
        if !atLineStart { bytes.append(UInt8(ascii: ",")) }
        atLineStart = false
        let guarded = fromInput && field.first.map(Self.startsFormula) == true
        var needsQuotes = false
        for byte in field
        where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        if needsQuotes {
            bytes.append(UInt8(ascii: "\""))
            if guarded { bytes.append(UInt8(ascii: "'")) }
            for byte in field {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            if guarded { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: field)
        }
    }

    public mutating func append(_ number: Int) {
        if !atLineStart { bytes.append(UInt8(ascii: ",")) }
        atLineStart = false
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// Appends a field that is known to need no quoting or escaping (pre-encoded fixed text).
    public mutating func append(plain field: [UInt8]) {
        if !atLineStart { bytes.append(UInt8(ascii: ",")) }
        atLineStart = false
        bytes.append(contentsOf: field)
    }

    /// Appends bytes to the field begun last (pre-encoded pieces of one field).
    public mutating func append(continuing piece: [UInt8]) {
        bytes.append(contentsOf: piece)
    }

    /// Appends an instant in the report's zone; `nil` is an empty field.
    public mutating func append(_ instant: Instant?, with writer: inout TimestampWriter) {
        if !atLineStart { bytes.append(UInt8(ascii: ",")) }
        atLineStart = false
        if let instant { writer.append(instant, to: &bytes) }
    }

    /// Appends complete rows written elsewhere (they end with a line end).
    public mutating func append(raw rows: [UInt8]) {
        bytes.append(contentsOf: rows)
        atLineStart = true
    }

    /// Appends the rows of another writer made for the same file (a chunk written on
    /// another thread), without its header.
    public mutating func append(rowsOf other: CSVWriter, skippingHeaderBytes header: Int) {
        bytes.append(contentsOf: other.bytes[header...])
    }

    public mutating func endRow() {
        bytes.append(0x0A)
        atLineStart = true
    }

    /// Whether a spreadsheet would read a field starting with `byte` as a formula.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }
}

/// Numbers in reports: fixed decimals, never locale-dependent, never `-0`.
public enum ReportNumber {
    /// `value` with `places` decimals, rounded half away from zero.
    public static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled > 0
        var digits = String(Int64(scaled))
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        return negative ? "-" + digits : digits
    }
}
