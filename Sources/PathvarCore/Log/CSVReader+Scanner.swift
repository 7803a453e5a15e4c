#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits one CSV row into fields: a byte state machine over the read buffer (RFC 4180).
///
/// It records where each field's text starts and ends (without its quotes) and whether doubled
/// quotes inside need unescaping, and copies nothing. Quoted fields may hold delimiters and line
/// breaks; rows end at LF or CRLF; a quote inside an unquoted field is an ordinary character
/// (as most exporters and Python's `csv` treat it).
///
/// Only the first `capacity` fields are recorded (the header's count plus one, enough to see
/// that a row has too many), but all are counted, so memory does not depend on the input.
struct CSVScanner: ~Copyable {
    /// How a field was written.
    enum Quoting: UInt8 {
        case plain = 0
        case quoted = 1
        /// Quoted with `""` inside: unescape before use.
        case quotedWithDoubledQuotes = 2
    }

    /// A complete row.
    struct Row {
        var fieldCount: Int
        /// Where the row's text ends, before its line break.
        var contentEnd: Int
        /// Where the next row starts.
        var next: Int
        /// Line breaks inside quoted fields: the next row starts this many lines further down,
        /// plus one for the row's own line break.
        var lineBreaksInside: Int
        /// The first field that has text after its closing quote (`"a"b`), or nil.
        var textAfterQuoteInField: Int?
    }

    enum Outcome {
        case row(Row)
        /// The row runs past the bytes read so far: read more and scan it again.
        case needMore
        /// The input ends inside a quoted field, which opened this many lines below the row's first.
        case unterminatedQuote(linesBeforeQuote: Int)
    }

    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    let delimiter: UInt8
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let quoting: UnsafeMutablePointer<UInt8>

    init(delimiter: UInt8, capacity: Int) {
        self.delimiter = delimiter
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        quoting = .allocate(capacity: capacity)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        quoting.deallocate()
    }

    /// Field `index` of the last row scanned, as bytes of `text` (the scanned buffer).
    @inline(__always)
    func field(_ index: Int, in text: UnsafePointer<UInt8>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: text + starts[index], count: ends[index] - starts[index])
    }

    @inline(__always)
    func fieldQuoting(_ index: Int) -> Quoting { Quoting(rawValue: quoting[index]) ?? .plain }

    @inline(__always)
    private func record(_ field: Int, _ start: Int, _ end: Int, _ how: Quoting) {
        if field < capacity {
            starts[field] = start
            ends[field] = end
            quoting[field] = how.rawValue
        }
    }

    /// Scans the row that starts at `start` in `text[..<limit]`. `atEnd` says whether `limit` is
    /// the end of the input (else a row reaching `limit` may go on in bytes not read yet).
    /// The caller has checked that `start < limit`.
    @inline(__always)
    func scanRow(
        _ text: UnsafePointer<UInt8>, from start: Int, limit: Int, atEnd: Bool
    ) -> Outcome {
        let delimiter = self.delimiter
        var index = start
        var field = 0
        var lineBreaks = 0
        var textAfterQuote: Int?
        while true {
            if index < limit && text[index] == Self.quote {
                // A quoted field: runs to the next quote that is not doubled.
                let linesBeforeQuote = lineBreaks
                index += 1
                let contentStart = index
                var how = Quoting.quoted
                while true {
                    index = Self.nextQuote(text, from: index, limit: limit, lineBreaks: &lineBreaks)
                    if index + 1 >= limit && !atEnd { return .needMore }
                    if index >= limit { return .unterminatedQuote(linesBeforeQuote: linesBeforeQuote) }
                    if index + 1 < limit && text[index + 1] == Self.quote {
                        how = .quotedWithDoubledQuotes
                        index += 2
                        continue
                    }
                    break
                }
                record(field, contentStart, index, how)
                index += 1
                if index >= limit {
                    return .row(
                        Row(
                            fieldCount: field + 1, contentEnd: limit, next: limit,
                            lineBreaksInside: lineBreaks, textAfterQuoteInField: textAfterQuote))
                }
                let byte = text[index]
                if byte == delimiter {
                    index += 1
                    field += 1
                    continue
                }
                if byte == Self.lineFeed {
                    return .row(
                        Row(
                            fieldCount: field + 1, contentEnd: index, next: index + 1,
                            lineBreaksInside: lineBreaks, textAfterQuoteInField: textAfterQuote))
                }
                if byte == Self.carriageReturn {
                    if index + 1 >= limit && !atEnd { return .needMore }
                    if index + 1 >= limit || text[index + 1] == Self.lineFeed {
                        return .row(
                            Row(
                                fieldCount: field + 1, contentEnd: index,
                                next: min(index + 2, limit), lineBreaksInside: lineBreaks,
                                textAfterQuoteInField: textAfterQuote))
                    }
                }
                // Text after the closing quote: a bad row. Skip to the field's end to find the row's.
                if textAfterQuote == nil { textAfterQuote = field }
            }
            // An unquoted field (or the rest of a malformed quoted one): runs to a delimiter or LF.
            let fieldStart = index
            index = Self.unquotedFieldEnd(text, from: index, limit: limit, delimiter: delimiter)
            if index >= limit && !atEnd { return .needMore }
            var fieldEnd = index
            if fieldEnd > fieldStart && text[fieldEnd - 1] == Self.carriageReturn
                && (index >= limit || text[index] == Self.lineFeed)
            {
                fieldEnd -= 1
            }
            if textAfterQuote != field { record(field, fieldStart, fieldEnd, .plain) }
            if index < limit && text[index] == delimiter {
                index += 1
                field += 1
                continue
            }
            return .row(
                Row(
                    fieldCount: field + 1, contentEnd: fieldEnd, next: min(index + 1, limit),
                    lineBreaksInside: lineBreaks, textAfterQuoteInField: textAfterQuote))
        }
    }
}

extension CSVScanner {
    /// Fields are short: they are searched eight bytes at a time (SWAR) this far, then `memchr`
    /// (vectorised) takes over, so that a giant field costs a fraction of a millisecond per MB.
    static let shortFieldBytes = 64

    private static let lowSeven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let everyByte: UInt64 = 0x0101_0101_0101_0101

    /// 0x80 in each byte of `word` equal to the byte repeated in `pattern`, else 0. Exact (no
    /// false positives, unlike the shorter "has zero byte" trick), so matches can be counted.
    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let bits = word ^ pattern
        return ~(((bits & lowSeven) &+ lowSeven) | bits | lowSeven)
    }

    /// The first quote at or after `index` (`limit` if none), adding line feeds on the way.
    @inline(__always)
    static func nextQuote(
        _ text: UnsafePointer<UInt8>, from start: Int, limit: Int, lineBreaks: inout Int
    ) -> Int {
        // Empty fields are common (wide exports leave most columns blank): no word for those.
        if start < limit && text[start] == quote { return start }
        var index = start
        let shortEnd = min(start + shortFieldBytes, limit)
        let quotes = UInt64(quote) &* everyByte
        let lineFeeds = UInt64(lineFeed) &* everyByte
        while index + 8 <= shortEnd {
            let word = UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self)
            let quoteBits = matches(word, quotes)
            let lineFeedBits = matches(word, lineFeeds)
            if quoteBits != 0 {
                // Line feeds in the bytes before the quote (little-endian: lower bits come first).
                let before = (quoteBits & (0 &- quoteBits)) &- 1
                lineBreaks += (lineFeedBits & before).nonzeroBitCount
                return index + quoteBits.trailingZeroBitCount >> 3
            }
            lineBreaks += lineFeedBits.nonzeroBitCount
            index += 8
        }
        while index < shortEnd {
            let byte = text[index]
            if byte == quote { return index }
            if byte == lineFeed { lineBreaks += 1 }
            index += 1
        }
        if index >= limit { return limit }
        let end = find(quote, in: text, from: index, to: limit)
        var lineFeedAt = find(lineFeed, in: text, from: index, to: end)
        while lineFeedAt < end {
            lineBreaks += 1
            lineFeedAt = find(lineFeed, in: text, from: lineFeedAt + 1, to: end)
        }
        return end
    }

    /// Where an unquoted field starting at `start` ends: its delimiter, line feed, or `limit`.
    @inline(__always)
    static func unquotedFieldEnd(
        _ text: UnsafePointer<UInt8>, from start: Int, limit: Int, delimiter: UInt8
    ) -> Int {
        if start < limit && (text[start] == delimiter || text[start] == lineFeed) { return start }
        var index = start
        let shortEnd = min(start + shortFieldBytes, limit)
        let delimiters = UInt64(delimiter) &* everyByte
        let lineFeeds = UInt64(lineFeed) &* everyByte
        while index + 8 <= shortEnd {
            let word = UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self)
            let stops = matches(word, delimiters) | matches(word, lineFeeds)
            if stops != 0 { return index + stops.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < shortEnd {
            let byte = text[index]
            if byte == delimiter || byte == lineFeed { return index }
            index += 1
        }
        if index >= limit { return limit }
        let lineEnd = find(lineFeed, in: text, from: index, to: limit)
        return find(delimiter, in: text, from: index, to: lineEnd)
    }

    /// The first `byte` in `text[start..<end]`, or `end`.
    @inline(__always)
    static func find(_ byte: UInt8, in text: UnsafePointer<UInt8>, from start: Int, to end: Int)
        -> Int
    {
        guard start < end, let found = memchr(text + start, Int32(byte), end - start) else {
            return end
        }
        return UnsafeRawPointer(text).distance(to: UnsafeRawPointer(found))
    }
}

/// A small growable block for fields that must be rewritten before use (doubled quotes).
struct ScratchBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Copies a field written with doubled quotes, each `""` made one `"`, and returns the copy
    /// (valid until the next call).
    mutating func unescape(_ field: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if field.count > capacity {
            base.deallocate()
            capacity = field.count
            base = .allocate(capacity: capacity)
        }
        var count = 0
        var index = 0
        while index < field.count {
            let byte = field[index]
            base[count] = byte
            count += 1
            let doubled =
                byte == CSVScanner.quote && index + 1 < field.count
                && field[index + 1] == CSVScanner.quote
            index += doubled ? 2 : 1
        }
        return UnsafeRawBufferPointer(start: base, count: count)
    }
}
