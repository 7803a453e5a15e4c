import Testing

@testable import PathvarCore

/// Fields from a hospital log go into files that people open in spreadsheets: they must be
/// quoted exactly when RFC 4180 needs it, and never start a formula.
@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("ward 7", false, "ward 7"),
        ("a,b", false, "\"a,b\""),
        ("say \"hi\"", false, "\"say \"\"hi\"\"\""),
        ("two\nlines", false, "\"two\nlines\""),
        ("=1+1", true, "'=1+1"),
        ("=1+1", false, "=1+1"),
        ("+44 20", true, "'+44 20"),
        ("-5", true, "'-5"),
        ("@SUM(A1)", true, "'@SUM(A1)"),
        ("\tx", true, "'\tx"),
        ("=A1,B1", true, "\"'=A1,B1\""),
        ("=\"x\"", true, "\"'=\"\"x\"\"\""),
        ("", true, ""),
        ("é,ü", true, "\"é,ü\""),
    ])
    func fieldsAreQuotedAndGuarded(field: String, fromInput: Bool, expected: String) {
        var text = CSVWriter()
        text.append(field, fromInput: fromInput)
        text.append("next", fromInput: false)
        text.endRow()
        #expect(String(decoding: text.bytes, as: UTF8.self) == expected + ",next\n")

        var bytes = CSVWriter()
        Array(field.utf8).withUnsafeBytes { bytes.append(bytes: $0, fromInput: fromInput) }
        bytes.append("next", fromInput: false)
        bytes.endRow()
        #expect(bytes.bytes == text.bytes)
    }

    @Test func continuingPiecesStayInOneField() {
        var csv = CSVWriter()
        csv.append(1)
        csv.append(plain: [])
        csv.append(continuing: Array("ward".utf8))
        csv.append(continuing: Array("|icu".utf8))
        csv.append(plain: Array("x".utf8))
        csv.endRow()
        #expect(String(decoding: csv.bytes, as: UTF8.self) == "1,ward|icu,x\n")
    }
}
