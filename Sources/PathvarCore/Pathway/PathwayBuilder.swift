import CLibXML2

/// Turns a schema-valid pathway document into the typed model.
///
/// The schema has already fixed the structure and the enumerated values, so this reads
/// without second-guessing them; what it still checks is what needs parsing (durations,
/// dates), reporting each problem at the attribute that holds it.
struct PathwayBuilder {
    let map: XMLSourceMap
    let nodes: ElementIndex
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(map: XMLSourceMap, nodes: ElementIndex, file: String) {
        self.map = map
        self.nodes = nodes
        self.file = file
    }

    mutating func build(root: xmlNodePtr) -> Pathway? {
        var meta = PathwayMeta(owner: nil, evidence: [], reviewBy: nil, reviewByLocation: nil)
        var cohort: Cohort?
        var stages: [Stage] = []
        var varianceCodes: VarianceCodes?
        var ignored: [IgnoredActivity] = []
        for child in root.childElements {
            switch child.localName {
            case "meta": meta = buildMeta(child)
            case "cohort": cohort = buildCohort(child)
            case "stage": stages.append(buildStage(child))
            case "variance-codes": varianceCodes = buildVarianceCodes(child)
            case "ignore":
                ignored.append(IgnoredActivity(activity: child.attribute("activity") ?? "", location: location(child)))
            default: break
            }
        }
        guard let cohort else { return nil }
        return Pathway(
            id: root.attribute("id") ?? "",
            version: root.attribute("version") ?? "",
            title: root.attribute("title") ?? "",
            meta: meta,
            cohort: cohort,
            stages: stages,
            varianceCodes: varianceCodes,
            ignored: ignored,
            location: location(root))
    }

    func location(_ node: xmlNodePtr) -> SourceLocation {
        nodes.index(of: node).flatMap { map.location(ofElement: $0) }
            ?? SourceLocation(file: file, line: Int(xmlGetLineNo(node)))
    }

    func location(_ node: xmlNodePtr, attribute: String) -> SourceLocation {
        nodes.index(of: node).flatMap { map.location(ofAttribute: attribute, inElement: $0) } ?? location(node)
    }

    private mutating func buildMeta(_ node: xmlNodePtr) -> PathwayMeta {
        var meta = PathwayMeta(owner: nil, evidence: [], reviewBy: nil, reviewByLocation: nil)
        for child in node.childElements {
            switch child.localName {
            case "owner": meta.owner = child.textContent
            case "evidence": meta.evidence.append(Evidence(text: child.textContent, href: child.attribute("href")))
            case "review-by":
                let text = child.textContent
                meta.reviewByLocation = location(child)
                if let date = CalendarDate(text) {
                    meta.reviewBy = date
                } else {
                    diagnostics.append(
                        .error(
                            "<review-by> '\(text)' is not a real date; write the day it is due as yyyy-MM-dd",
                            at: location(child)))
                }
            default: break
            }
        }
        return meta
    }

    private func buildCohort(_ node: xmlNodePtr) -> Cohort {
        var entry = ActivityMatch(activity: "", aliases: [])
        var entryLocation = location(node)
        var includes: [AttributeCondition] = []
        var excludes: [AttributeCondition] = []
        for child in node.childElements {
            switch child.localName {
            case "entry":
                entry = activityMatch(child)
                entryLocation = location(child)
            case "include", "exclude":
                let condition = AttributeCondition(
                    key: child.attribute("key") ?? "", equals: child.attribute("equals") ?? "",
                    location: location(child))
                if child.localName == "include" { includes.append(condition) } else { excludes.append(condition) }
            default: break
            }
        }
        return Cohort(
            groupBy: node.attribute("group-by"), entry: entry, entryLocation: entryLocation, includes: includes,
            excludes: excludes)
    }

    private func activityMatch(_ node: xmlNodePtr) -> ActivityMatch {
        let aliases = node.childElements.filter { $0.localName == "alias" }.map(\.textContent)
        return ActivityMatch(activity: node.attribute("activity") ?? "", aliases: aliases)
    }

    private mutating func buildStage(_ node: xmlNodePtr) -> Stage {
        var elements: [PathwayElement] = []
        for child in node.childElements {
            let id = child.attribute("id") ?? ""
            let required = child.attribute("required").flatMap(Requirement.init(rawValue:)) ?? .must
            let window = child.childElements.first { $0.localName == "window" }.flatMap { buildWindow($0) }
            switch child.localName {
            case "step":
                elements.append(
                    .step(
                        Step(
                            id: id, match: activityMatch(child), required: required,
                            max: child.attribute("max").flatMap { Int($0) }, window: window,
                            location: location(child))))
            case "choice":
                let options = child.childElements.filter { $0.localName == "option" }.map { option in
                    ChoiceOption(
                        id: option.attribute("id") ?? "", match: activityMatch(option), location: location(option))
                }
                elements.append(
                    .choice(
                        Choice(
                            id: id, select: child.attribute("select").flatMap(Selection.init(rawValue:)) ?? .exactlyOne,
                            required: required, documentedBy: child.attribute("documented-by"), options: options,
                            window: window, location: location(child))))
            case "avoid":
                let unless = child.attribute("unless-documented")
                elements.append(
                    .avoid(
                        Avoid(
                            id: id, match: activityMatch(child), unlessDocumented: unless == "true" || unless == "1",
                            location: location(child))))
            default: break
            }
        }
        return Stage(
            id: node.attribute("id") ?? "",
            mode: node.attribute("mode").flatMap(CareMode.init(rawValue:)) ?? .repetitive,
            order: node.attribute("order").flatMap(StageOrder.init(rawValue:)) ?? .sequence,
            elements: elements,
            location: location(node))
    }

    private mutating func buildWindow(_ node: xmlNodePtr) -> Window {
        let after = node.attribute("after") ?? "entry"
        func duration(_ name: String) -> ISODuration? {
            guard let text = node.attribute(name) else { return nil }
            do {
                return try ISODuration.parse(text)
            } catch {
                diagnostics.append(.error("<window> \(name) \(error.message)", at: location(node, attribute: name)))
                return nil
            }
        }
        return Window(
            after: after == "entry" ? .entry : .element(after),
            min: duration("min"),
            max: duration("max"),
            location: location(node))
    }

    private func buildVarianceCodes(_ node: xmlNodePtr) -> VarianceCodes {
        let codes = node.childElements.filter { $0.localName == "code" }.map { code in
            let warrants = code.attribute("warrants")
            return VarianceCode(
                id: code.attribute("id") ?? "",
                category: code.attribute("category").flatMap(VarianceCategory.init(rawValue:)) ?? .system,
                warrants: warrants == "true" || warrants == "1",
                description: code.textContent,
                location: location(code))
        }
        return VarianceCodes(
            record: node.attribute("record") ?? "", stepKey: node.attribute("step-key") ?? "",
            codeKey: node.attribute("code-key") ?? "", codes: codes, location: location(node))
    }
}
