extension SyntheticLog {
    /// Writes the log as CSV (case-grouped rows, as hospital exports usually are) or XES.
    /// Returns the number of events written.
    @discardableResult
    public func write(to path: String, format: LogFormat) throws(DiagnosticError) -> Int {
        var file = try OutputFile(path: path)
        let keys = attributeKeys
        var written = 0
        switch format {
        case .csv:
            try file.write(
                (["case_id", "activity", "timestamp"] + keys).map(Self.csvField).joined(separator: ",") + "\n")
            for index in 0..<cases {
                let caseId = Self.caseId(index)
                for event in events(ofCase: index) {
                    var row = caseId + "," + Self.csvField(event.activity) + "," + Self.timestamp(event.time)
                    for key in keys {
                        row += ","
                        if let value = event.attributes.first(where: { $0.0 == key })?.1 { row += Self.csvField(value) }
                    }
                    try file.write(row + "\n")
                    written += 1
                }
            }
        case .xes:
            try file.write(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <log xes.version="1.0" xes.features="nested-attributes" xmlns="http://www.xes-standard.org/">
                  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
                  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
                  <string key="concept:name" value="pathvar synthetic log: \(Self.xmlEscaped(pathway.id))"/>

                """)
            for index in 0..<cases {
                try file.write("  <trace>\n    <string key=\"concept:name\" value=\"\(Self.caseId(index))\"/>\n")
                for event in events(ofCase: index) {
                    var text =
                        "    <event>\n      <string key=\"concept:name\" value=\"\(Self.xmlEscaped(event.activity))\"/>\n"
                    text += "      <date key=\"time:timestamp\" value=\"\(Self.timestamp(event.time))\"/>\n"
                    for (key, value) in event.attributes {
                        text += "      <string key=\"\(Self.xmlEscaped(key))\" value=\"\(Self.xmlEscaped(value))\"/>\n"
                    }
                    try file.write(text + "    </event>\n")
                    written += 1
                }
                try file.write("  </trace>\n")
            }
            try file.write("</log>\n")
        }
        try file.close()
        return written
    }

    /// `case-000123`: fixed width, so byte order and natural order agree.
    static func caseId(_ index: Int) -> String {
        let digits = String(index + 1)
        return "case-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// `2024-03-01T08:15:00.000+00:00`.
    static func timestamp(_ instant: Instant) -> String {
        let seconds = CivilCalendar.floorDivide(instant.microseconds, 1_000_000)
        let millis = Int((instant.microseconds - seconds * 1_000_000) / 1000)
        let day = CivilCalendar.floorDivide(seconds, 86_400)
        let second = Int(seconds - day * 86_400)
        let date = CivilCalendar.date(days: Int(day))
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(pad(second / 3600, 2)):"
            + "\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2)).\(pad(millis, 3))+00:00"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
    }

    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
