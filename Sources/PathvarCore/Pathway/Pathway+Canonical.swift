import Crypto

extension Pathway {
    /// The pathway's meaning as text, independent of layout, comments, attribute order and
    /// defaults written out or left implicit: two files that audit the same way give the same
    /// text. Partial results carry its hash so that only audits against the same pathway merge.
    public var canonicalText: String {
        var lines: [String] = []
        func field(_ name: String, _ value: String?) -> String { "\(name)=\(Self.quoted(value ?? ""))" }
        func match(_ match: ActivityMatch) -> String {
            field("activity", match.activity) + " "
                + field("aliases", match.aliases.map(Self.quoted).joined(separator: ","))
        }
        func window(_ window: Window?) -> String {
            guard let window else { return "window=none" }
            return "window=\(Self.quoted(window.after.description)),\(window.min?.microseconds.description ?? "-"),"
                + (window.max?.microseconds.description ?? "-")
        }
        lines.append("pathvar-pathway 1")
        lines.append([field("id", id), field("version", version), field("title", title)].joined(separator: " "))
        lines.append(
            [
                field("owner", meta.owner),
                field(
                    "evidence",
                    meta.evidence.map { Self.quoted($0.text) + "@" + Self.quoted($0.href ?? "") }.joined(separator: ",")
                ),
                field("review-by", meta.reviewBy?.description),
            ].joined(separator: " "))
        lines.append("cohort " + field("group-by", cohort.groupBy) + " " + match(cohort.entry))
        for include in cohort.includes {
            lines.append("include " + field("key", include.key) + " " + field("equals", include.equals))
        }
        for exclude in cohort.excludes {
            lines.append("exclude " + field("key", exclude.key) + " " + field("equals", exclude.equals))
        }
        for stage in stages {
            lines.append(
                "stage " + field("id", stage.id) + " mode=\(stage.mode.rawValue) order=\(stage.order.rawValue)")
            for element in stage.elements {
                switch element {
                case .step(let step):
                    lines.append(
                        "  step " + field("id", step.id) + " " + match(step.match)
                            + " required=\(step.required.rawValue)"
                            + " max=\(step.max.map(String.init) ?? "-") " + window(step.window))
                case .choice(let choice):
                    lines.append(
                        "  choice " + field("id", choice.id) + " select=\(choice.select.rawValue) required="
                            + choice.required.rawValue + " " + field("documented-by", choice.documentedBy) + " "
                            + window(choice.window))
                    for option in choice.options {
                        lines.append("    option " + field("id", option.id) + " " + match(option.match))
                    }
                case .avoid(let avoid):
                    lines.append(
                        "  avoid " + field("id", avoid.id) + " " + match(avoid.match)
                            + " unless-documented=\(avoid.unlessDocumented)")
                }
            }
        }
        if let codes = varianceCodes {
            lines.append(
                "variance-codes " + field("record", codes.record) + " " + field("step-key", codes.stepKey) + " "
                    + field("code-key", codes.codeKey))
            for code in codes.codes {
                lines.append(
                    "  code " + field("id", code.id) + " category=\(code.category.rawValue) warrants=\(code.warrants) "
                        + field("text", code.description))
            }
        }
        for ignored in self.ignored { lines.append("ignore " + field("activity", ignored.activity)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// SHA-256 of `canonicalText`, as 64 hexadecimal digits.
    public var canonicalHash: String {
        SHA256.hash(data: Array(canonicalText.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
