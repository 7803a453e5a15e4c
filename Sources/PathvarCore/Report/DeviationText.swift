/// Plain words for a deviation's `expected` and `observed` columns, as a clinical lead would
/// say them: `<= PT1H after triage` / `PT1H25M`; `<= 1` / `3`.
///
/// Nothing here starts with `-`, `=`, `+` or `@`, so a spreadsheet never mistakes it for a
/// formula: a negative delay is written `PT5M before triage`.
public struct DeviationText: Sendable {
    public let compiled: CompiledPathway

    public init(_ compiled: CompiledPathway) { self.compiled = compiled }

    public func expected(_ deviation: Deviation) -> String {
        let element = compiled.elements[deviation.element]
        switch deviation.kind {
        case .omitted: return ">= 1"
        case .repeated: return "<= \(element.max ?? 0)"
        case .late:
            guard let window = element.window, let max = window.max else { return "" }
            return "<= \(max.text) after \(window.anchorName)"
        case .early:
            guard let window = element.window, let min = window.min else { return "" }
            return ">= \(min.text) after \(window.anchorName)"
        case .outOfOrder:
            if case .before(let previous, _) = deviation.detail { return "after \(compiled.elements[previous].id)" }
            return ""
        case .noOption, .multipleOptions:
            let words =
                switch element.select {
                case .exactlyOne: "exactly one of"
                case .atMostOne: "at most one of"
                case .oneOrMore: "one or more of"
                case .any: "any of"
                }
            return "\(words) \(element.options.joined(separator: "|"))"
        case .preferenceUndocumented: return "documented by \(element.documentedBy ?? "")"
        case .overuse: return "0"
        }
    }

    public func observed(_ deviation: Deviation) -> String {
        let element = compiled.elements[deviation.element]
        switch deviation.detail {
        case .count(let count): return String(count)
        case .delay(let delay):
            let anchor = element.window?.anchorName ?? "entry"
            return delay < 0
                ? "\(ISODuration.format(microseconds: -delay)) before \(anchor)"
                : ISODuration.format(microseconds: delay)
        case .before(let previous, let by):
            return "\(ISODuration.format(microseconds: by)) before \(compiled.elements[previous].id)"
        case .options(let options):
            return options.map { element.options[$0] }.joined(separator: "|")
        case .nothing:
            return deviation.kind == .preferenceUndocumented ? "not documented" : "none"
        }
    }
}
