@testable import PathvarCore

/// Random valid pathways for property tests: every mode, order, requirement and selection,
/// windows anchored on earlier elements (so never a cycle), variance codes and ignores.
enum RandomPathway {
    static func xml(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }
        var label = 0
        func nextLabel() -> String {
            label += 1
            return "Activity \(label)"
        }
        var anchors: [String] = []
        var elementIds: [String] = []
        var body = ""
        for stageIndex in 0..<(1 + random.below(3)) {
            let mode = pick(["repetitive", "repetitive", "constrained", "unconstrained"])
            body += "  <stage id=\"s\(stageIndex)\" mode=\"\(mode)\" order=\"\(pick(["sequence", "any"]))\">\n"
            for elementIndex in 0..<(1 + random.below(4)) {
                let id = "e\(stageIndex)-\(elementIndex)"
                var window = ""
                if random.chance(0.6) {
                    let after = anchors.isEmpty || random.chance(0.4) ? "entry" : pick(anchors)
                    let max = "PT\(10 + random.below(120))M"
                    let min = random.chance(0.3) ? " min=\"PT0S\"" : ""
                    window = "<window after=\"\(after)\"\(min) max=\"\(max)\"/>"
                }
                switch random.below(5) {
                case 0, 1, 2:
                    let required = pick(["must", "must-unless-documented", "could"])
                    let max = random.chance(0.3) ? " max=\"1\"" : ""
                    let alias = random.chance(0.2) ? "<alias>\(nextLabel())</alias>" : ""
                    body +=
                        "    <step id=\"\(id)\" activity=\"\(nextLabel())\" required=\"\(required)\"\(max)>\(alias)\(window)</step>\n"
                    anchors.append(id)
                case 3:
                    let select = pick(["exactly-one", "at-most-one", "one-or-more", "any"])
                    let required = pick(["must", "must-unless-documented", "could"])
                    let documented = random.chance(0.5) ? " documented-by=\"\(nextLabel())\"" : ""
                    let options = (0..<(2 + random.below(2))).map {
                        "<option id=\"\(id)-o\($0)\" activity=\"\(nextLabel())\"/>"
                    }
                    body +=
                        "    <choice id=\"\(id)\" select=\"\(select)\" required=\"\(required)\"\(documented)>"
                        + options.joined() + window + "</choice>\n"
                    anchors.append(id)
                default:
                    body +=
                        "    <avoid id=\"\(id)\" activity=\"\(nextLabel())\" unless-documented=\"\(random.chance(0.5))\"/>\n"
                }
                elementIds.append(id)
            }
            body += "  </stage>\n"
        }
        let include = random.chance(0.5) ? "<include key=\"eligible\" equals=\"yes\"/>" : ""
        let codes = (0..<(1 + random.below(3))).map { index in
            "<code id=\"C\(index)\" category=\"\(pick(["patient", "staff", "system", "community"]))\" warrants=\"\(random.chance(0.5))\">Reason \(index)</code>"
        }.joined()
        let ignore = random.chance(0.5) ? "  <ignore activity=\"\(nextLabel())\"/>\n" : ""
        return """
            <pathway xmlns="urn:pathvar:pathway:1" id="random-\(seed)" version="1" title="Random pathway \(seed)">
              <cohort group-by="unit"><entry activity="Arrival"/>\(include)</cohort>
            \(body)  <variance-codes record="Variance" step-key="step" code-key="code">\(codes)</variance-codes>
            \(ignore)</pathway>

            """
    }
}
