/// A small writer for HTML and inline SVG that escapes everything it is given.
///
/// Every name a report shows (groups, case ids, activities, the pathway's own text) comes from
/// files someone else wrote, and the report is opened in a browser on a hospital network. So
/// there is one way in for text, `text(_:)`, and one for attribute values, both escaping all
/// five characters that can change the meaning of markup; only the report's own fixed markup
/// goes in through `raw(_:)`. Output is built in the order it is written, with no dictionaries
/// in between, so the same calls always give the same bytes.
struct HTMLWriter {
    /// One attribute, written in the order given. A nil value writes a bare attribute
    /// (`data-point`), which is how the tests and a reader count marks.
    typealias Attribute = (name: String, value: String?)

    private(set) var html = ""

    /// `&`, `<`, `>`, `"` and `'` replaced by references, so that text can neither open a tag
    /// nor leave an attribute value, whichever quote the attribute uses.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A link target the report may write: only absolute `http`/`https` addresses. Anything
    /// else (`javascript:`, `data:`, a relative path to something that will not be there) is
    /// shown as text instead, so a pathway file cannot smuggle in something to click.
    static func safeLink(_ href: String?) -> String? {
        guard let href else { return nil }
        let lowered = href.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return nil }
        guard !href.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            return nil
        }
        return href
    }

    /// A coordinate or length for SVG, with one decimal (a tenth of a user unit is below what
    /// any screen or printer shows) and without a trailing `.0`, so files stay small.
    static func number(_ value: Double) -> String {
        let text = ReportNumber.fixed(value, places: 1)
        if text.hasSuffix(".0") { return String(text.dropLast(2)) }
        return text == "-0" ? "0" : text
    }

    mutating func raw(_ markup: String) { html += markup }

    mutating func text(_ text: String) { html += Self.escape(text) }

    mutating func newline() { html += "\n" }

    /// `<name a="1" b>`: an opening tag.
    mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        html += "<" + name
        writeAttributes(attributes)
        html += ">"
    }

    mutating func close(_ name: String) { html += "</" + name + ">" }

    /// `<name .../>`: an empty SVG element (SVG inside HTML accepts the self-closing form).
    mutating func empty(_ name: String, _ attributes: [Attribute] = []) {
        html += "<" + name
        writeAttributes(attributes)
        html += "/>"
    }

    /// `<name ...>text</name>`, the text escaped.
    mutating func element(_ name: String, _ attributes: [Attribute] = [], text: String) {
        open(name, attributes)
        self.text(text)
        close(name)
    }

    /// `<name ...>` … `</name>` around whatever `body` writes.
    mutating func element(_ name: String, _ attributes: [Attribute] = [], body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        body(&self)
        close(name)
    }

    /// A block-level element on its own line, so that the file reads well in a text editor
    /// and a diff of two reports shows which parts changed.
    mutating func block(_ name: String, _ attributes: [Attribute] = [], body: (inout HTMLWriter) -> Void) {
        open(name, attributes)
        newline()
        body(&self)
        close(name)
        newline()
    }

    /// `<name ...>text</name>` followed by a line break.
    mutating func line(_ name: String, _ attributes: [Attribute] = [], text: String) {
        element(name, attributes, text: text)
        newline()
    }

    /// A link when `href` is a web address, plain text otherwise.
    mutating func link(_ text: String, href: String?) {
        if let safe = Self.safeLink(href) {
            element("a", [("href", safe)], text: text)
        } else {
            self.text(text)
        }
    }

    private mutating func writeAttributes(_ attributes: [Attribute]) {
        for attribute in attributes {
            html += " " + attribute.name
            if let value = attribute.value { html += "=\"" + Self.escape(value) + "\"" }
        }
    }
}

/// Attribute helpers for SVG coordinates, so that chart code reads as geometry.
extension HTMLWriter {
    static func attribute(_ name: String, _ value: Double) -> Attribute { (name, number(value)) }
}
