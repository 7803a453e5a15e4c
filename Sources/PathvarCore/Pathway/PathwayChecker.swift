/// The checks a schema cannot make: unique ids, windows that name real elements without
/// cycles, one element per activity label, sensible windows, and review dates.
///
/// Every message names the element and says what would be valid, because the reader is a
/// clinical lead editing XML by hand, not an XML expert.
struct PathwayChecker {
    let pathway: Pathway
    let today: CalendarDate?
    private var diagnostics: [Diagnostic] = []

    init(pathway: Pathway, today: CalendarDate?) {
        self.pathway = pathway
        self.today = today
    }

    func check() -> [Diagnostic] {
        var checker = self
        checker.checkHasWork()
        checker.checkIds()
        checker.checkWindows()
        checker.checkActivityLabels()
        checker.checkDocumentation()
        checker.checkReviewDate()
        return checker.diagnostics
    }

    private mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    private mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(.warning(message, at: location))
    }

    private mutating func checkHasWork() {
        let hasWork = pathway.stages.contains { stage in
            stage.elements.contains { if case .avoid = $0 { false } else { true } }
        }
        if !hasWork {
            error("the pathway has no <step> or <choice>; add at least one to a <stage>", at: pathway.location)
        }
    }

    /// Ids name elements in reports and in `window after`, so they must be unique across
    /// the whole pathway, and `entry` is taken by the cohort's entry event.
    private mutating func checkIds() {
        var seen: [String: (kind: String, location: SourceLocation)] = [:]
        func note(_ id: String, kind: String, at location: SourceLocation, into checker: inout PathwayChecker) {
            if id == "entry" {
                checker.error(
                    "<\(kind) id=\"entry\">: 'entry' is reserved for the cohort's entry event in "
                        + "<window after=\"entry\">; choose another id", at: location)
            } else if let first = seen[id] {
                checker.error(
                    "<\(kind)> id '\(id)' is already used by the <\(first.kind)> at line \(first.location.line); "
                        + "ids must be unique across the pathway", at: location)
            } else {
                seen[id] = (kind, location)
            }
        }
        for stage in pathway.stages {
            note(stage.id, kind: "stage", at: stage.location, into: &self)
            for element in stage.elements {
                note(element.id, kind: element.kind, at: element.location, into: &self)
                if case .choice(let choice) = element {
                    for option in choice.options { note(option.id, kind: "option", at: option.location, into: &self) }
                }
            }
        }
        var codes: [String: SourceLocation] = [:]
        for code in pathway.varianceCodes?.codes ?? [] {
            if let first = codes[code.id] {
                error(
                    "variance <code> id '\(code.id)' is already used at line \(first.line); "
                        + "each code must be listed once", at: code.location)
            } else {
                codes[code.id] = code.location
            }
        }
    }

    /// A window is measured from `entry` or from another step's or choice's first event;
    /// following the anchors must end at `entry` or an element without a window.
    private mutating func checkWindows() {
        var anchorable: [String: PathwayElement] = [:]
        var optionOwner: [String: String] = [:]
        var avoids: Set<String> = []
        var stages: Set<String> = []
        for stage in pathway.stages {
            stages.insert(stage.id)
            for element in stage.elements {
                switch element {
                case .step, .choice: anchorable[element.id] = anchorable[element.id] ?? element
                case .avoid: avoids.insert(element.id)
                }
                if case .choice(let choice) = element {
                    for option in choice.options { optionOwner[option.id] = choice.id }
                }
            }
        }
        let candidates = pathway.elements.compactMap { pair -> String? in
            if case .avoid = pair.element { return nil }
            return pair.element.id
        }
        for (_, element) in pathway.elements {
            guard let window = element.window else { continue }
            let owner = "the <window> of '\(element.id)'"
            if case .element(let anchor) = window.after, anchorable[anchor] == nil {
                let expected = "a window is measured from 'entry' or from a step or choice"
                if let choice = optionOwner[anchor] {
                    error(
                        "\(owner) is measured from '\(anchor)', an <option>; \(expected): use its choice '\(choice)'",
                        at: window.location)
                } else if avoids.contains(anchor) || stages.contains(anchor) {
                    let kind = avoids.contains(anchor) ? "an <avoid>" : "a <stage>"
                    error("\(owner) is measured from '\(anchor)', \(kind); \(expected)", at: window.location)
                } else {
                    let known = (["entry"] + candidates).map { "'\($0)'" }.joined(separator: ", ")
                    error(
                        "\(owner) is measured from '\(anchor)', which is not defined; expected one of \(known)",
                        at: window.location)
                }
            }
            if let min = window.min, let max = window.max, max < min {
                error(
                    "\(owner) has min \(min.text) above max \(max.text); min must not exceed max", at: window.location)
            }
        }
        // Cycles: follow each chain of anchors; report a cycle once, at its first element.
        var reported: Set<String> = []
        for (_, element) in pathway.elements {
            var chain = [element.id]
            var current = element
            while case .element(let anchor)? = current.window?.after, let next = anchorable[anchor] {
                if let start = chain.firstIndex(of: anchor) {
                    let cycle = Array(chain[start...])
                    if cycle.first == element.id && reported.isDisjoint(with: cycle) {
                        reported.formUnion(cycle)
                        let path = (cycle + [anchor]).joined(separator: " → ")
                        error(
                            "windows form a cycle: \(path); each chain of windows must end at 'entry' "
                                + "or at an element without a window", at: element.window!.location)
                    }
                    break
                }
                chain.append(anchor)
                current = next
            }
        }
    }

    /// Each activity label belongs to one element, so that every event counts once.
    private mutating func checkActivityLabels() {
        var owners: [String: (description: String, location: SourceLocation)] = [:]
        func claim(
            _ label: String, by description: String, at location: SourceLocation, into checker: inout PathwayChecker
        ) {
            if let first = owners[label] {
                let whose = first.description == description ? "this element" : first.description
                checker.error(
                    "activity '\(label)' of \(description) already belongs to \(whose) (line \(first.location.line)); "
                        + "an activity may belong to one element only, so that each event counts once",
                    at: location)
            } else {
                owners[label] = (description, location)
            }
        }
        let cohort = pathway.cohort
        for label in cohort.entry.labels { claim(label, by: "<entry>", at: cohort.entryLocation, into: &self) }
        for (_, element) in pathway.elements {
            switch element {
            case .step(let step):
                for label in step.match.labels {
                    claim(label, by: "<step id=\"\(step.id)\">", at: step.location, into: &self)
                }
            case .choice(let choice):
                for option in choice.options {
                    for label in option.match.labels {
                        claim(label, by: "<option id=\"\(option.id)\">", at: option.location, into: &self)
                    }
                }
                if let documentedBy = choice.documentedBy {
                    claim(
                        documentedBy, by: "documented-by of <choice id=\"\(choice.id)\">", at: choice.location,
                        into: &self)
                }
            case .avoid(let avoid):
                for label in avoid.match.labels {
                    claim(label, by: "<avoid id=\"\(avoid.id)\">", at: avoid.location, into: &self)
                }
            }
        }
        if let codes = pathway.varianceCodes {
            claim(codes.record, by: "the <variance-codes> record", at: codes.location, into: &self)
        }
        for ignored in pathway.ignored {
            claim(ignored.activity, by: "<ignore>", at: ignored.location, into: &self)
        }
    }

    /// A reason can only be documented when the pathway lists variance codes.
    private mutating func checkDocumentation() {
        let hasCodes = !(pathway.varianceCodes?.codes.isEmpty ?? true)
        for (_, element) in pathway.elements {
            var excusable = false
            switch element {
            case .step(let step):
                excusable = step.required == .mustUnlessDocumented
                if step.max == 0 && step.required != .could {
                    error(
                        "<step id=\"\(step.id)\"> is required (\(step.required.rawValue)) but allows at most 0 "
                            + "occurrences; use an <avoid> for something that should not happen", at: step.location)
                }
            case .choice(let choice):
                excusable = choice.required == .mustUnlessDocumented
                if choice.options.count > 64 {
                    error(
                        "<choice id=\"\(choice.id)\"> has \(choice.options.count) options; at most 64 are supported",
                        at: choice.location)
                }
                if choice.options.count == 1 && choice.select != .any {
                    warning(
                        "<choice id=\"\(choice.id)\"> has one option, so there is nothing to choose; "
                            + "a <step> may be what is meant", at: choice.location)
                }
            case .avoid(let avoid):
                excusable = avoid.unlessDocumented
            }
            if excusable && !hasCodes {
                warning(
                    "'\(element.id)' may be excused by a documented reason, but the pathway has no "
                        + "<variance-codes>, so no reason can be recorded", at: element.location)
            }
        }
    }

    private mutating func checkReviewDate() {
        guard let today, let reviewBy = pathway.meta.reviewBy, reviewBy < today else { return }
        warning(
            "the review date \(reviewBy) has passed; the pathway's owner should review it and set a new <review-by>",
            at: pathway.meta.reviewByLocation ?? pathway.location)
    }
}
