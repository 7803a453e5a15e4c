import Foundation
import Testing

@testable import PathvarCore

/// Bad rows, bad files and hostile input: a clear `FILE:LINE: error:` and never a crash, a hang
/// or unbounded memory.
@Suite struct CSVBadInputTests {
    static let header = "case_id,activity,timestamp\nP1,ER Registration,2024-01-01T10:00:00Z\n"

    static let badRows: [(row: [UInt8], message: String)] = [
        (Array(",ER Triage,2024-01-01T10:05:00Z\n".utf8), "the case id is empty"),
        (Array("P1,,2024-01-01T10:05:00Z\n".utf8), "the activity is empty"),
        (Array("P1,ER Triage,\n".utf8), "the timestamp is empty"),
        (
            Array("P1,ER Triage,yesterday\n".utf8),
            "cannot read the timestamp \"yesterday\": expected a date and time such as"
                + " 2014-10-22T11:15:41+02:00 or 2014/10/22 11:15:41"
        ),
        (
            Array("P1,ER Triage,2023-02-29T10:00:00Z\n".utf8),
            "cannot read the timestamp \"2023-02-29T10:00:00Z\": expected a date and time such as"
                + " 2014-10-22T11:15:41+02:00 or 2014/10/22 11:15:41"
        ),
        (Array("P1,ER Triage\n".utf8), "expected 3 fields as in the header, found 2"),
        (
            Array("P1,ER Triage,2024-01-01T10:05:00Z,\n".utf8),
            "expected 3 fields as in the header, found 4"
        ),
        (
            Array("P1,\"ER \"Triage,2024-01-01T10:05:00Z\n".utf8),
            "the field in column 2 (\"activity\") has text after its closing quote"
        ),
        (
            Array("P1,ER Tri".utf8) + [0xE6] + Array("ge,2024-01-01T10:05:00Z\n".utf8),
            "the activity is not valid UTF-8 text (save the log as UTF-8)"
        ),
        (
            Array("P".utf8) + [0xC0, 0x80] + Array(",ER Triage,2024-01-01T10:05:00Z\n".utf8),
            "the case id is not valid UTF-8 text (save the log as UTF-8)"
        ),
        (
            Array("P1,ER".utf8) + [0] + Array("Triage,2024-01-01T10:05:00Z\n".utf8),
            "the activity contains a NUL byte (is this a binary file?)"
        ),
        (
            Array("P1,\"IV Liquid,2024-01-01T10:05:00Z\nP2,Release A,2024-01-01T10:12:00Z\n".utf8),
            "the quoted field that starts on line 3 has no closing quote"
        ),
        (
            Array("P1,Triage,\"2024-01-01\n10:05\",\"a\nb\nc\n".utf8),
            "the quoted field that starts on line 4 has no closing quote"
        ),
    ]

    @Test(arguments: badRows)
    func firstBadRowStopsTheRead(row: [UInt8], message: String) {
        let folder = TemporaryFolder()
        let path = folder.write("bad.csv", Array(Self.header.utf8) + row)
        #expect(csvError(path) == "\(path):3: error: \(message)")
    }

    @Test func attributeValuesMustBeText() {
        let folder = TemporaryFolder()
        let path = folder.write(
            "bad.csv",
            Array("case_id,activity,timestamp,org:group,other\nP1,Triage,2024-01-01,A".utf8)
                + [0xFF] + Array(",x\n".utf8))
        #expect(
            csvError(path) { $0.attributeKeys = AttributeKeys(["org:group"]) }
                == "\(path):2: error: the value of \"org:group\" is not valid UTF-8 text (save the log as"
                + " UTF-8)")
        // A column that is not kept is not checked.
        let skipped = folder.write(
            "skipped.csv",
            Array("case_id,activity,timestamp,other\nP1,Triage,2024-01-01,".utf8) + [0xFF, 0] + [10])
        #expect(csvError(skipped) == nil)
    }

    @Test func skippingBadRowsAccountsForEveryRow() throws {
        let path = Fixtures.path("logs/bad-rows.csv")
        #expect(csvError(path) == "\(path):3: error: the case id is empty")
        let log = try readCSV(path) { $0.skipBadRows = true }
        let statistics = log.statistics
        #expect(log.outline == ["P1: ER Registration@2 Lactic Acid@14"])
        // The blank line 13 is not a row.
        #expect(statistics.rowsRead == 13)
        #expect(statistics.rowsAccepted == 2)
        #expect(statistics.rowsRejected == 11)
        #expect(statistics.rowsRead == statistics.rowsAccepted + statistics.rowsRejected)
        #expect(statistics.summary == "read 13 rows: 2 accepted, 11 rejected")
        #expect(statistics.rejected.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15])
        #expect(
            statistics.rejected.map(\.reason) == [
                "the case id is empty",
                "the activity is empty",
                "cannot read the timestamp \"yesterday\": expected a date and time such as"
                    + " 2014-10-22T11:15:41+02:00 or 2014/10/22 11:15:41",
                "cannot read the timestamp \"2024-02-30T10:00:00Z\": expected a date and time such as"
                    + " 2014-10-22T11:15:41+02:00 or 2014/10/22 11:15:41",
                "expected 3 fields as in the header, found 2",
                "expected 3 fields as in the header, found 4",
                "the field in column 2 (\"activity\") has text after its closing quote",
                "the activity is not valid UTF-8 text (save the log as UTF-8)",
                "the activity contains a NUL byte (is this a binary file?)",
                "the timestamp is empty",
                "the quoted field that starts on line 15 has no closing quote",
            ])
        #expect(statistics.rejected[0].raw == ",ER Triage,2024-01-01T10:05:00Z")
        #expect(statistics.rejected[4].raw == "P1,ER Triage")
        #expect(statistics.rejected[7].raw == "P1,ER Tri\u{FFFD}ge,2024-01-01T10:09:00Z")
        #expect(
            statistics.rejected[10].raw
                == "P1,\"IV Liquid,2024-01-01T10:11:00Z\nP2,Release A,2024-01-01T10:12:00Z\n")
        // The rejected rows' values were not interned.
        #expect(log.symbols.lookup("ER Triage") == nil)
    }

    @Test func rejectedRowTextIsCut() throws {
        let folder = TemporaryFolder()
        let long = String(repeating: "x", count: 10_000)
        let path = folder.write("long.csv", Self.header + "P1,\(long)\n")
        let log = try readCSV(path) { $0.skipBadRows = true }
        #expect(log.statistics.rejected.first?.raw == "P1," + long.prefix(4093))
    }

    @Test func aLogWithoutUsableRowsIsAnError() {
        let folder = TemporaryFolder()
        let path = folder.write("all-bad.csv", "case_id,activity,timestamp\nP1,,x\n\n,Triage,y\n")
        #expect(
            csvError(path) { $0.skipBadRows = true }
                == "\(path): error: the log has no usable rows: all 2 rows were rejected")
    }

    @Test func emptyLogs() {
        let folder = TemporaryFolder()
        let empty = Fixtures.path("logs/empty.csv")
        #expect(csvError(empty) == "\(empty): error: the log is empty")
        let bomOnly = folder.write("bom.csv", [0xEF, 0xBB, 0xBF, 0x0D, 0x0A])
        #expect(csvError(bomOnly) == "\(bomOnly): error: the log is empty")
        let headerOnly = Fixtures.path("logs/header-only.csv")
        #expect(csvError(headerOnly) == "\(headerOnly): error: the log has no rows")
        let blankLines = folder.write("blank.csv", "case_id,activity,timestamp\r\n\r\n\n")
        #expect(csvError(blankLines) == "\(blankLines): error: the log has no rows")
        let blankHeader = folder.write("blank-header.csv", "\nP1,Triage,2024-01-01\n")
        #expect(csvError(blankHeader) == "\(blankHeader):1: error: the header row is empty")
        let missing = folder.url.appendingPathComponent("missing.csv").path
        #expect(
            csvError(missing) == "\(missing): error: cannot open the log: No such file or directory")
    }

    @Test func badHeadersAndOptions() {
        let folder = TemporaryFolder()
        let openQuote = folder.write("open.csv", "case_id,\"activity,timestamp\nP1,Triage,2024-01-01\n")
        #expect(
            csvError(openQuote)
                == "\(openQuote):1: error: the header row has a quoted name without a closing quote")
        let afterQuote = folder.write(
            "after.csv", "case_id,\"activity\" code,timestamp\nP1,T,2024-01-01\n")
        #expect(
            csvError(afterQuote)
                == "\(afterQuote):1: error: the header row's name in column 2 has text after its closing"
                + " quote")
        let visits = Fixtures.path("logs/ed-visits.csv")
        #expect(
            csvError(visits) { $0.delimiter = UInt8(ascii: "\"") }
                == "<command line>: error: the delimiter cannot be a quote or a line break")
    }

    @Test func unknownTimeZoneIsAnError() {
        #expect(
            csvError(Fixtures.path("logs/ed-visits.csv")) { $0.timeZone = "Europe/Atlantis" }
                == "<command line>: error: unknown time zone \"Europe/Atlantis\": use an IANA name such"
                + " as \"Europe/Amsterdam\" or \"UTC\"")
    }

    /// A 1 GB field, stored as 1,024 concatenated gzip members of 1 MiB each (1 MB on disk):
    /// the reader gives up at 64 MiB instead of holding the whole field.
    @Test(arguments: ["P1,", "P1,\"", "case_id,activity,timestamp"])
    func aGiantRowStopsAt64MiB(prefix: String) {
        let folder = TemporaryFolder()
        let isHeader = !prefix.hasPrefix("P1")
        let head = isHeader ? prefix : "case_id,activity,timestamp\n" + prefix
        var bytes = gzip(Array(head.utf8))
        let megabyte = gzip([UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20))
        for _ in 0..<1024 { bytes += megabyte }
        let path = folder.write("giant.csv.gz", bytes)
        let expected =
            isHeader
            ? "\(path):1: error: the header row is longer than 64 MiB"
            : "\(path):2: error: the row is longer than 64 MiB (is a quote left open?)"
        #expect(csvError(path) == expected)
        #expect(csvError(path) { $0.skipBadRows = true } == expected)
    }

    @Test func aMillionColumnHeaderIsRefused() {
        let folder = TemporaryFolder()
        let header = String(repeating: "c,", count: 1_000_000) + "case_id\nP1\n"
        let path = folder.write("wide.csv", header)
        #expect(
            csvError(path)
                == "\(path):1: error: the header has 1000001 columns, more than the 65536 pathvar reads")
    }

    @Test func binaryJunkIsRefused() {
        let folder = TemporaryFolder()
        // The first bytes of a PNG image.
        let png = folder.write("image.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        #expect(
            csvError(png)
                == "\(png):1: error: the header row is not valid UTF-8 text: is this a CSV log? (it must be"
                + " UTF-8 text)")
        // A NUL in an otherwise ASCII header.
        let nul = folder.write("nul.csv", Array("case_id,activity\0,timestamp\n".utf8))
        #expect(
            csvError(nul)
                == "\(nul):1: error: the header row contains a NUL byte: is this a CSV log? (it must be"
                + " UTF-8 text)")
        // Random bytes: some clear error, whatever they hold.
        var generator = SplitMix(seed: 42)
        for round in 0..<20 {
            let junk = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let path = folder.write("junk\(round).bin", junk)
            let message = csvError(path) { $0.skipBadRows = round.isMultiple(of: 2) }
            #expect(message?.hasPrefix("\(path)") == true)
            #expect(message?.contains(": error: ") == true)
        }
    }

    @Test func truncatedAndCorruptGzipNamesTheLineReached() throws {
        let folder = TemporaryFolder()
        var text = "case_id,activity,timestamp\n"
        for row in 0..<20_000 { text += "P\(row / 10),Activity \(row % 7),2024-01-01T10:00:00Z\n" }
        let zipped = gzip(Array(text.utf8))
        let truncated = folder.write("truncated.csv.gz", Array(zipped.prefix(zipped.count / 2)))
        let message = try #require(csvError(truncated, bufferBytes: 4096))
        let suffix = ": error: the gzip file is truncated: it ends before its end-of-stream marker"
        #expect(message.hasPrefix("\(truncated):"))
        #expect(message.hasSuffix(suffix))
        let line = Int(message.dropFirst(truncated.count + 1).prefix { $0.isNumber }) ?? 0
        #expect(line > 1000 && line < 20_000)
        // The same with the default buffer, where the error comes with the first chunk.
        #expect(csvError(truncated)?.hasSuffix(suffix) == true)

        // A wrong checksum is only found at the end of the stream; ByteSource drops the bytes of
        // the read that met it (at most 64 KiB), so the line reached is a little before the end.
        var badChecksum = zipped
        badChecksum[badChecksum.count - 8] ^= 0xFF
        let checksumPath = folder.write("checksum.csv.gz", badChecksum)
        let checksumMessage = try #require(csvError(checksumPath, bufferBytes: 4096))
        #expect(checksumMessage.hasSuffix(": error: the gzip data is corrupt (incorrect data check)"))
        let checksumLine =
            Int(checksumMessage.dropFirst(checksumPath.count + 1).prefix { $0.isNumber }) ?? 0
        #expect(checksumLine > 18_000 && checksumLine <= 20_002)
        // Damage in the middle may first decompress to garbage rows (bad, or out of case order);
        // with those allowed for, the gzip error remains.
        var corrupt = zipped
        for index in stride(from: corrupt.count / 3, to: corrupt.count / 3 + 64, by: 1) {
            corrupt[index] ^= 0x5A
        }
        let corruptPath = folder.write("corrupt.csv.gz", corrupt)
        let corruptMessage = csvError(corruptPath, bufferBytes: 4096) {
            $0.skipBadRows = true
            $0.holdAllCases = true
        }
        #expect(
            corruptMessage?.contains(": error: the gzip data is corrupt") == true,
            "\(corruptMessage ?? "no error")")
    }
}

/// A small deterministic random number generator for generated inputs.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
