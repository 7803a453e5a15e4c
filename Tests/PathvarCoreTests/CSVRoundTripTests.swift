import Foundation
import Testing

@testable import PathvarCore

/// Random logs written the RFC 4180 way, read back: every value and line must survive, at any
/// buffer size. The writer knows the truth, so no second parser is needed.
@Suite struct CSVRoundTripTests {
    /// Characters that stress the scanner: delimiters, quotes, both line breaks, non-ASCII.
    static let alphabet: [String] = [
        "a", "b", "Z", " ", ",", ";", "\t", "\"", "\n", "\r", "\r\n", "é", "→", "🩺",
    ]

    struct Expected {
        var caseID: String
        var activity: String
        var note: String
        var line: Int
    }

    /// A field as an RFC 4180 writer puts it: quoted when it holds a delimiter, quote or line
    /// break (or, at random, anyway), with quotes doubled.
    static func encode(_ value: String, delimiter: Character, random: inout SplitMix) -> String {
        // By scalar: "\r\n" is one Character.
        let special = value.unicodeScalars.contains {
            $0 == delimiter.unicodeScalars.first || $0 == "\"" || $0 == "\n" || $0 == "\r"
        }
        if special || random.next() % 4 == 0 {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    static func randomText(_ random: inout SplitMix, allowEmpty: Bool) -> String {
        // Mostly short values; now and then one past the scanner's word-at-a-time stretch.
        let long = random.next() % 8 == 0
        let length = Int(random.next() % (long ? 200 : 12)) + (allowEmpty ? 0 : 1)
        var text = ""
        for _ in 0..<length {
            text += alphabet[Int(random.next() % UInt64(alphabet.count))]
        }
        return text
    }

    @Test(arguments: [(UInt64(1), ","), (2, ";"), (3, "\t"), (4, ","), (5, ";")])
    func randomLogsSurviveReading(seed: UInt64, delimiter: String) throws {
        var random = SplitMix(seed: seed)
        let separator = Character(delimiter)
        var text = "case_id\(delimiter)activity\(delimiter)timestamp\(delimiter)note"
        var expected: [Expected] = []
        var line = 2
        var caseNumber = 0
        for row in 0..<400 {
            if random.next() % 5 == 0 { caseNumber += 1 }
            let lineBreak = random.next() % 2 == 0 ? "\n" : "\r\n"
            text += lineBreak
            let caseID = "case \(caseNumber)" + (caseNumber % 3 == 0 ? "\"x\"" : "")
            let activity = Self.randomText(&random, allowEmpty: false)
            let note = Self.randomText(&random, allowEmpty: true)
            let seconds = String(format: "%02d", row % 60)
            let minutes = String(format: "%02d", row / 60)
            let fields = [
                Self.encode(caseID, delimiter: separator, random: &random),
                Self.encode(activity, delimiter: separator, random: &random),
                "2024-01-01T10:\(minutes):\(seconds)Z",
                Self.encode(note, delimiter: separator, random: &random),
            ]
            let written = fields.joined(separator: delimiter)
            expected.append(Expected(caseID: caseID, activity: activity, note: note, line: line))
            text += written
            line += written.utf8.filter { $0 == 0x0A }.count + 1
        }
        if random.next() % 2 == 0 { text += "\n" }
        let folder = TemporaryFolder()
        let path = folder.write("random.csv", text)
        for bufferBytes in [nil, 1, 7, 64, 1000] {
            let log = try readCSV(path, bufferBytes: bufferBytes) {
                $0.attributeKeys = AttributeKeys(["note"])
            }
            var index = 0
            for logCase in log.cases {
                for (event, value) in zip(logCase.events, logCase.eventValues) {
                    let want = expected[index]
                    #expect(log.symbols.string(logCase.id) == want.caseID)
                    #expect(log.symbols.string(event.activity) == want.activity)
                    #expect((value == LogCase.missing ? "" : log.symbols.string(value)) == want.note)
                    #expect(Int(event.line) == want.line)
                    index += 1
                }
            }
            #expect(index == expected.count)
            #expect(log.statistics.rowsRead == expected.count)
        }
    }
}
