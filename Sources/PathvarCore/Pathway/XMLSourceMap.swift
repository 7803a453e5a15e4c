/// Exact line and column of every start tag and attribute in an XML file.
///
/// libxml2 records only a line per node, and for a start tag spread over several lines it is
/// not the line of the `<`. Diagnostics should point where an editor's cursor should go, so
/// the start tags are found again in the raw bytes: in a well-formed document without a
/// DOCTYPE (pathways may not have one), the n-th `<name` outside comments, CDATA and
/// processing instructions is the n-th element in document order.
struct XMLSourceMap {
    let file: String
    private let bytes: [UInt8]
    /// Byte offset where each line starts.
    private let lineStarts: [Int]
    /// Byte offset of each element's `<`, in document order.
    private(set) var startTags: [Int] = []

    init(file: String, bytes: [UInt8]) {
        self.file = file
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
        startTags = Self.findStartTags(in: bytes)
    }

    /// The number of the file's last line that holds anything.
    var lastLine: Int {
        var line = lineStarts.count
        while line > 1 && lineStarts[line - 1] >= bytes.count { line -= 1 }
        return line
    }

    /// Line and column (1-based; column counted in bytes, as compilers do) of a byte offset.
    func location(ofOffset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(file: file, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    /// Where the n-th element (in document order) starts, if the map found it.
    func location(ofElement index: Int) -> SourceLocation? {
        guard index >= 0 && index < startTags.count else { return nil }
        return location(ofOffset: startTags[index])
    }

    /// Where attribute `name` is written in the n-th element's start tag; the element's own
    /// location when the attribute is absent (a missing attribute is reported at its element).
    func location(ofAttribute name: String, inElement index: Int) -> SourceLocation? {
        guard index >= 0 && index < startTags.count else { return nil }
        let wanted = Array(name.utf8)
        var offset = startTags[index] + 1
        var quote: UInt8? = nil
        while offset < bytes.count {
            let byte = bytes[offset]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            } else if Self.isSpace(byte) && offset + 1 + wanted.count <= bytes.count
                && Array(bytes[(offset + 1)..<(offset + 1 + wanted.count)]) == wanted
            {
                var after = offset + 1 + wanted.count
                while after < bytes.count && Self.isSpace(bytes[after]) { after += 1 }
                if after < bytes.count && bytes[after] == UInt8(ascii: "=") {
                    return location(ofOffset: offset + 1)
                }
            }
            offset += 1
        }
        return location(ofElement: index)
    }

    /// Where `text` first occurs in the file, for things that are not elements (a DOCTYPE).
    func location(of text: String) -> SourceLocation? {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return nil }
        for offset in 0...(bytes.count - needle.count)
        where bytes[offset] == needle[0] && Array(bytes[offset..<(offset + needle.count)]) == needle {
            return location(ofOffset: offset)
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func findStartTags(in bytes: [UInt8]) -> [Int] {
        var tags: [Int] = []
        var offset = 0
        func skip(past terminator: [UInt8], from start: Int) -> Int {
            var position = start
            while position + terminator.count <= bytes.count {
                if bytes[position] == terminator[0]
                    && Array(bytes[position..<(position + terminator.count)]) == terminator
                {
                    return position + terminator.count
                }
                position += 1
            }
            return bytes.count
        }
        while offset < bytes.count {
            guard bytes[offset] == UInt8(ascii: "<"), offset + 1 < bytes.count else {
                offset += 1
                continue
            }
            let next = bytes[offset + 1]
            if next == UInt8(ascii: "!") {
                if offset + 3 < bytes.count && bytes[offset + 2] == UInt8(ascii: "-")
                    && bytes[offset + 3] == UInt8(ascii: "-")
                {
                    offset = skip(past: Array("-->".utf8), from: offset + 4)
                } else if offset + 8 < bytes.count
                    && Array(bytes[(offset + 2)..<(offset + 9)]) == Array("[CDATA[".utf8)
                {
                    offset = skip(past: Array("]]>".utf8), from: offset + 9)
                } else {
                    offset = skip(past: Array(">".utf8), from: offset + 2)
                }
            } else if next == UInt8(ascii: "?") {
                offset = skip(past: Array("?>".utf8), from: offset + 2)
            } else if next == UInt8(ascii: "/") {
                offset += 2
            } else {
                tags.append(offset)
                offset += 1
            }
        }
        return tags
    }
}
