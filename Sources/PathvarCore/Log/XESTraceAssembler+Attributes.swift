#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading one attribute element (`<string key="…" value="…"/>` and its kin) of a trace or
/// an event: find its key and value among libxml2's attribute pointers, decide from the
/// key's bytes whether the run needs it, and only then look at its value.
///
/// This is the hot path: a log has several attributes per event and millions of events.
/// Nothing here makes a `String` or allocates; a value is read in place, in libxml2's
/// buffer, and interned (or parsed, for the timestamp) straight from there.
extension XESTraceAssembler {
    /// The `key` and `value` of an attribute element, as slices of libxml2's buffer.
    ///
    /// `attributes` holds five pointers per attribute: local name, prefix, namespace URI,
    /// value start and value end (values are not NUL-terminated).
    @inline(__always)
    private func keyAndValue(
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)? {
        guard let attributes else { return nil }
        var key: UnsafeRawBufferPointer?
        var value: UnsafeRawBufferPointer?
        for index in 0..<attributeCount {
            let base = attributes + 5 * index
            guard let name = base[0], let start = base[3], let end = base[4] else { continue }
            let bytes = UnsafeRawBufferPointer(start: start, count: end - start)
            if keyName.matches(name) {
                key = bytes
            } else if valueName.matches(name) {
                value = bytes
            }
        }
        guard let key, let value else { return nil }
        return (key, value)
    }

    func traceAttribute(
        _ name: UnsafePointer<UInt8>, attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        guard let (key, value) = keyAndValue(attributeCount: attributeCount, attributes: attributes),
            let role = keys.role(of: key), XESElementName.isValueAttribute(name)
        else { return }
        let id = intern(value)
        if role.isName { traceID = id }
        if role.attributeIndex >= 0 {
            caseValues[Int(role.attributeIndex)] = id
            seenKeys[Int(role.attributeIndex)] = true
        }
    }

    func eventAttribute(
        _ name: UnsafePointer<UInt8>, attributeCount: Int,
        attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    ) {
        guard let (key, value) = keyAndValue(attributeCount: attributeCount, attributes: attributes),
            let role = keys.role(of: key), XESElementName.isValueAttribute(name)
        else { return }
        if role.isTime {
            sawTimestamp = true
            time = timestamps.parse(value)
            if time == nil || skipBadRows {
                // Only for messages and rejected rows: the text is gone once the tag is.
                timestampText.removeAll(keepingCapacity: true)
                timestampText.append(contentsOf: value)
            }
        }
        if role.isName {
            activity = intern(value)
            if role.attributeIndex >= 0 { setEventValue(Int(role.attributeIndex), activity) }
        } else if role.attributeIndex >= 0 {
            setEventValue(Int(role.attributeIndex), intern(value))
        }
    }

    /// Interns an attribute value as written in the XML, `&amp;` and `&#38;` read as `&`.
    ///
    /// Without entity substitution (`XML_PARSE_NOENT`, which is never set), libxml2 hands
    /// out every `&` of an attribute value as the five bytes `&#38;`; a raw `&` cannot occur,
    /// so turning each `&#38;` back into `&` is exact.
    @inline(__always)
    private func intern(_ value: UnsafeRawBufferPointer) -> Int32 {
        guard value.count > 0, memchr(value.baseAddress!, Int32(UInt8(ascii: "&")), value.count) != nil else {
            return symbols.intern(value)
        }
        unescaped.removeAll(keepingCapacity: true)
        var index = 0
        while index < value.count {
            let byte = value[index]
            if byte == UInt8(ascii: "&") && index + 5 <= value.count && value[index + 1] == UInt8(ascii: "#")
                && value[index + 2] == UInt8(ascii: "3") && value[index + 3] == UInt8(ascii: "8")
                && value[index + 4] == UInt8(ascii: ";")
            {
                unescaped.append(byte)
                index += 5
            } else {
                unescaped.append(byte)
                index += 1
            }
        }
        return unescaped.withUnsafeBytes { symbols.intern($0) }
    }

    @inline(__always)
    private func setEventValue(_ key: Int, _ value: Int32) {
        eventValues[eventValues.count - keyCount + key] = value
        seenKeys[key] = true
    }
}
