/// The pathway's rules, read off the counters of one evaluated case.
///
/// Each rule is the definition, word for word: see the `///` on each kind in
/// `DeviationKind` and the comments below.
extension CaseEvaluator {
    func deviations(entry: Instant) -> [Deviation] {
        var found: [Deviation] = []
        let rules = compiled.rules
        for index in rules.indices {
            let rule = rules[index]
            let n = Int(count[index])
            let firstTime = first[index] == .max ? nil : Instant(microseconds: first[index])
            switch rule.kind {
            case .step:
                // omitted: no matching event, and the step is required.
                if n == 0 && rule.required != .could {
                    found.append(Deviation(element: index, kind: .omitted, detail: .count(0), time: nil))
                }
                // repeated: more matching events than `max`.
                if rule.max >= 0 && n > rule.max {
                    found.append(
                        Deviation(
                            element: index, kind: .repeated, detail: .count(n),
                            time: Instant(microseconds: beyondMax[index])))
                }
            case .choice:
                let choice = rule.choice
                let optionsTaken = taken[choice].nonzeroBitCount
                let mustTakeOne = rule.select == .exactlyOne || rule.select == .oneOrMore
                if optionsTaken == 0 && mustTakeOne && rule.required != .could {
                    found.append(Deviation(element: index, kind: .noOption, detail: .nothing, time: nil))
                }
                let atMostOne = rule.select == .exactlyOne || rule.select == .atMostOne
                if optionsTaken > 1 && atMostOne {
                    found.append(
                        Deviation(
                            element: index, kind: .multipleOptions, detail: .options(options(of: choice)),
                            time: Instant(microseconds: secondOptionTime[choice])))
                }
                if optionsTaken >= 1 && rule.hasDocumentation && !preference[choice] {
                    found.append(
                        Deviation(element: index, kind: .preferenceUndocumented, detail: .nothing, time: firstTime))
                }
            case .avoid:
                // overuse: anything to avoid that happened at all.
                if n > 0 {
                    found.append(Deviation(element: index, kind: .overuse, detail: .count(n), time: firstTime))
                }
            }
            // late / early: measured from the anchor's first event (t0 for `entry`); no check
            // when either the element or its anchor never happened.
            if rule.hasWindow, let firstTime {
                let anchor = rule.anchor < 0 ? entry.microseconds : first[rule.anchor]
                if anchor != .max {
                    let delay = firstTime.microseconds - anchor
                    if delay > rule.windowMax {
                        found.append(Deviation(element: index, kind: .late, detail: .delay(delay), time: firstTime))
                    }
                    if delay < rule.windowMin {
                        found.append(Deviation(element: index, kind: .early, detail: .delay(delay), time: firstTime))
                    }
                }
            }
        }
        // out-of-order: in a sequence stage, among the steps and choices that happened (in
        // document order), one whose first event is strictly earlier than the previous one's.
        for sequence in compiled.sequencedElements {
            var previous = -1
            for element in sequence where count[element] > 0 {
                if previous >= 0 && first[element] < first[previous] {
                    found.append(
                        Deviation(
                            element: element, kind: .outOfOrder,
                            detail: .before(element: previous, by: first[previous] - first[element]),
                            time: Instant(microseconds: first[element])))
                }
                previous = element
            }
        }
        for index in found.indices {
            let code = documentedCode[found[index].element]
            let rule = rules[found[index].element]
            let (variationClass, reason) = VariationClassifier.classify(
                found[index].kind, mode: rule.mode, isExcusable: rule.isExcusable,
                documentedCode: code >= 0 ? Int(code) : nil, codeWarrants: compiled.codeWarrants)
            found[index].variationClass = variationClass
            found[index].reason = reason
        }
        found.sort { ($0.element, $0.kind) < ($1.element, $1.kind) }
        return found
    }

    /// The option indices set in a choice's bitmask, in document order.
    func options(of choice: Int) -> [Int] {
        var mask = taken[choice]
        var result: [Int] = []
        while mask != 0 {
            result.append(mask.trailingZeroBitCount)
            mask &= mask - 1
        }
        return result
    }
}
