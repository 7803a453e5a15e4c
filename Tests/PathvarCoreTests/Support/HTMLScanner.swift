/// A small scanner for the HTML the report writes: enough to list its tags with their
/// attributes, check that every element is closed in order, and read the text a person sees.
///
/// It is deliberately strict (a browser would forgive an unclosed tag; this does not), so that
/// markup broken by an unescaped label shows up as a failure rather than being repaired.
struct HTMLScanner {
    struct Tag {
        var name: String
        var attributes: [(name: String, value: String?)]
        var closing: Bool
        var selfClosing: Bool
        /// Offset of `<` in the document, in characters.
        var offset: Int

        func attribute(_ name: String) -> String? {
            attributes.first { $0.name == name }.flatMap { $0.value.map(HTMLScanner.decode) }
        }

        func has(_ name: String) -> Bool { attributes.contains { $0.name == name } }
    }

    /// Elements HTML defines as empty; SVG elements close themselves with `/>`.
    static let voidElements: Set<String> = ["meta", "br", "hr", "img", "input", "link", "wbr"]

    let allTags: [Tag]
    /// The text outside tags, entities decoded, style sheet left out; every tag counts as a
    /// space, so that table cells and chart labels do not run into each other.
    let text: String
    /// Problems found: unclosed or mismatched elements, unterminated tags.
    let problems: [String]

    init(_ html: String) {
        let characters = Array(html)
        var tags: [Tag] = []
        var text = ""
        var problems: [String] = []
        var stack: [String] = []
        var index = 0
        func peek(_ offset: Int = 0) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        while index < characters.count {
            guard characters[index] == "<" else {
                text.append(characters[index])
                index += 1
                continue
            }
            let start = index
            text.append(" ")
            if peek(1) == "!" {
                while let character = peek(), character != ">" { index += 1 }
                index += 1
                continue
            }
            index += 1
            let closing = peek() == "/"
            if closing { index += 1 }
            var name = ""
            while let character = peek(), character.isLetter || character.isNumber || character == "-" {
                name.append(character)
                index += 1
            }
            var attributes: [(String, String?)] = []
            var selfClosing = false
            var terminated = false
            while let character = peek() {
                if character == ">" {
                    index += 1
                    terminated = true
                    break
                }
                if character == "/" && peek(1) == ">" {
                    selfClosing = true
                    index += 2
                    terminated = true
                    break
                }
                if character.isWhitespace {
                    index += 1
                    continue
                }
                var attribute = ""
                while let next = peek(), !next.isWhitespace, next != "=", next != ">", next != "/" {
                    attribute.append(next)
                    index += 1
                }
                if attribute.isEmpty {
                    problems.append("stray \(character) in <\(name)> at \(start)")
                    index += 1
                    continue
                }
                var value: String?
                if peek() == "=" {
                    index += 1
                    let quote = peek()
                    guard quote == "\"" || quote == "'" else {
                        problems.append("unquoted value of \(attribute) in <\(name)> at \(start)")
                        continue
                    }
                    index += 1
                    var collected = ""
                    while let next = peek(), next != quote {
                        collected.append(next)
                        index += 1
                    }
                    index += 1
                    value = collected
                }
                attributes.append((attribute, value))
            }
            if !terminated { problems.append("unterminated <\(name)> at \(start)") }
            tags.append(
                Tag(name: name, attributes: attributes, closing: closing, selfClosing: selfClosing, offset: start))
            if closing {
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("</\(name)> at \(start) closes <\(stack.last ?? "nothing")>")
                }
            } else if !selfClosing && !Self.voidElements.contains(name) {
                stack.append(name)
            }
            // The style sheet is raw text: skip to its end tag.
            if name == "style" && !closing {
                let rest = String(characters[index...])
                if let end = rest.range(of: "</style>") {
                    index += rest.distance(from: rest.startIndex, to: end.lowerBound)
                }
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: ", "))") }
        self.allTags = tags
        self.text = Self.decode(text)
        self.problems = problems
    }

    /// `text` with every run of white space made one space, for finding phrases.
    var words: String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// The opening tags named `name`, optionally only those with `attribute` (with `value`).
    func tags(_ name: String? = nil, with attribute: String? = nil, value: String? = nil) -> [Tag] {
        allTags.filter { tag in
            !tag.closing && (name == nil || tag.name == name)
                && (attribute == nil || tag.has(attribute!))
                && (value == nil || tag.attribute(attribute!) == value)
        }
    }

    /// The opening tags inside the first element that `opening` opens, up to its matching end.
    func inside(_ opening: Tag) -> [Tag] {
        guard let first = allTags.firstIndex(where: { $0.offset == opening.offset }) else { return [] }
        var depth = 0
        var result: [Tag] = []
        for tag in allTags[(first + 1)...] {
            if tag.closing {
                if tag.name == opening.name && depth == 0 { break }
                if tag.name == opening.name { depth -= 1 }
            } else {
                if tag.name == opening.name && !tag.selfClosing { depth += 1 }
                result.append(tag)
            }
        }
        return result
    }

    /// The five references the report writes, back to characters.
    static func decode(_ text: String) -> String {
        var decoded = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            decoded += rest[..<ampersand]
            rest = rest[ampersand...]
            let references = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
            if let (reference, character) = references.first(where: { rest.hasPrefix($0.key) }) {
                decoded += character
                rest = rest.dropFirst(reference.count)
            } else {
                decoded += "&"
                rest = rest.dropFirst()
            }
        }
        return decoded + rest
    }
}
