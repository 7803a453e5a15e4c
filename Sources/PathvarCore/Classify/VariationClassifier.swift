/// Decides whether a deviation is warranted, by the mode of care of its stage.
///
/// The rules, in order (they are the product's definition of warranted variation):
/// 1. Unconstrained care is never judged: `unassessed`, reason `unconstrained-mode`.
/// 2. In constrained care, timing, order and repetition follow the patient's choice:
///    `late`, `early`, `out-of-order` and `repeated` are `warranted` (`constrained-mode`).
/// 3. Otherwise a departure is `warranted` only when the element may be excused
///    (`must-unless-documented`, or an avoid with `unless-documented`) and the case documents
///    a code that warrants it; else it is `unwarranted`, with the documented code as the
///    reason when there is one (`documented:CODE`), `undocumented` when there is none.
public enum VariationClassifier {
    public static func classify(
        _ kind: DeviationKind, mode: CareMode, isExcusable: Bool, documentedCode: Int?, codeWarrants: [Bool]
    ) -> (VariationClass, ClassReason) {
        switch mode {
        case .unconstrained:
            return (.unassessed, .unconstrainedMode)
        case .constrained where [.late, .early, .outOfOrder, .repeated].contains(kind):
            return (.warranted, .constrainedMode)
        case .constrained, .repetitive:
            guard let code = documentedCode else { return (.unwarranted, .undocumented) }
            let warranted = isExcusable && codeWarrants[code]
            return (warranted ? .warranted : .unwarranted, .documented(code: code))
        }
    }
}
