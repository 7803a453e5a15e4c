/// A pathway compiled for matching: integer tables indexed by the log's activity ids.
///
/// Compiling interns every label the pathway names into the run's `SymbolTable` before the
/// log is read, so those labels get the smallest ids and one array lookup tells what an
/// event is. Elements are numbered in document order (steps, choices and avoids alike);
/// options are numbered within their choice.
public struct CompiledPathway: Sendable {
    /// What an activity means to the pathway.
    public enum Role: Sendable, Hashable {
        /// Not named by the pathway: off-pathway.
        case offPathway
        case entry
        case element(Int)
        case option(element: Int, option: Int)
        /// The activity that documents a choice's preference (`documented-by`).
        case preference(element: Int)
        case varianceRecord
        case ignored
    }

    /// One step, choice or avoid, with what matching needs to know about it.
    public struct Element: Sendable {
        public var id: String
        public var kind: Kind
        public var stage: Int
        public var mode: CareMode
        public var required: Requirement
        public var max: Int?
        public var select: Selection
        public var options: [String]
        /// For avoids: whether a documented reason can excuse it.
        public var unlessDocumented: Bool
        public var documentedBy: String?
        public var window: CompiledWindow?
        /// Whether a documented code can make a departure warranted (rule 3 of the issue).
        public var isExcusable: Bool {
            kind == .avoid ? unlessDocumented : required == .mustUnlessDocumented
        }

        public enum Kind: String, Sendable { case step, choice, avoid }
    }

    /// What the rules need of an element, as plain numbers: read once per element per case,
    /// it must not retain anything (an `Element` holds strings and arrays, and copying one per
    /// case made reference counting the cost of matching).
    public struct Rule: Sendable {
        public var kind: Element.Kind
        public var mode: CareMode
        public var required: Requirement
        public var select: Selection
        /// `max` occurrences; -1 when unlimited.
        public var max: Int
        public var isExcusable: Bool
        public var hasDocumentation: Bool
        /// The choice's position in `choiceElements`; -1 for steps and avoids.
        public var choice: Int
        public var hasWindow: Bool
        /// The window's anchor element; -1 for `entry`.
        public var anchor: Int
        /// Window bounds in microseconds; `Int64.min` / `Int64.max` when open.
        public var windowMin: Int64
        public var windowMax: Int64
    }

    public struct CompiledWindow: Sendable {
        /// nil: measured from the entry event (`t0`); else the anchor element's index.
        public var anchor: Int?
        public var anchorName: String
        public var min: ISODuration?
        public var max: ISODuration?
    }

    public let pathway: Pathway
    public let elements: [Element]
    public let stages: [Stage]
    /// For each stage in sequence order, the elements whose order is checked.
    public let sequencedElements: [[Int]]
    /// One plain rule per element, in the same order as `elements`.
    public let rules: [Rule]
    /// Whether each variance code (by index) makes a departure warranted.
    public let codeWarrants: [Bool]
    /// The elements that are choices, in document order; `choiceOrdinal[element]` is the
    /// position of a choice in this list (-1 for steps and avoids).
    public let choiceElements: [Int]
    public let choiceOrdinal: [Int]
    /// `roles[activityId]`; ids past the end are off-pathway.
    public let roles: [Role]
    /// Attribute keys the run reads: group-by, cohort keys, variance-record keys.
    public let keys: AttributeKeys
    public let groupKey: Int?
    public let includes: [(key: Int, value: Int32)]
    public let excludes: [(key: Int, value: Int32)]
    /// Variance records: attribute indices, and symbol id → element / code.
    public let stepKey: Int?
    public let codeKey: Int?
    public let elementBySymbol: [Int32: Int]
    public let codeBySymbol: [Int32: Int]
    public let codes: [VarianceCode]

    /// Compiles `pathway`, interning its labels and values into `symbols`. `groupBy`
    /// overrides the pathway's `group-by` key.
    public init(_ pathway: Pathway, groupBy: String? = nil, symbols: inout SymbolTable) {
        self.pathway = pathway
        stages = pathway.stages
        var roles: [Int32: Role] = [:]
        func assign(_ label: String, _ role: Role) {
            let id = symbols.intern(label)
            // The checker guarantees each label belongs to one element; keep the first.
            if roles[id] == nil { roles[id] = role }
        }
        for label in pathway.cohort.entry.labels { assign(label, .entry) }
        var elements: [Element] = []
        var indexById: [String: Int] = [:]
        for (stageIndex, stage) in pathway.stages.enumerated() {
            for element in stage.elements {
                let index = elements.count
                indexById[element.id] = index
                var compiled = Element(
                    id: element.id, kind: .step, stage: stageIndex, mode: stage.mode, required: .could, max: nil,
                    select: .any, options: [], unlessDocumented: false, documentedBy: nil, window: nil)
                switch element {
                case .step(let step):
                    compiled.required = step.required
                    compiled.max = step.max
                    for label in step.match.labels { assign(label, .element(index)) }
                case .choice(let choice):
                    compiled.kind = .choice
                    compiled.required = choice.required
                    compiled.select = choice.select
                    compiled.options = choice.options.map(\.id)
                    compiled.documentedBy = choice.documentedBy
                    for (optionIndex, option) in choice.options.enumerated() {
                        for label in option.match.labels { assign(label, .option(element: index, option: optionIndex)) }
                    }
                    if let documentedBy = choice.documentedBy { assign(documentedBy, .preference(element: index)) }
                case .avoid(let avoid):
                    compiled.kind = .avoid
                    compiled.unlessDocumented = avoid.unlessDocumented
                    for label in avoid.match.labels { assign(label, .element(index)) }
                }
                elements.append(compiled)
            }
        }
        // Windows need every element's index, so they are resolved in a second pass.
        var elementIndex = 0
        for stage in pathway.stages {
            for element in stage.elements {
                if let window = element.window {
                    let anchor: Int? =
                        switch window.after {
                        case .entry: nil
                        case .element(let id): indexById[id]
                        }
                    elements[elementIndex].window = CompiledWindow(
                        anchor: anchor, anchorName: window.after.description, min: window.min, max: window.max)
                }
                elementIndex += 1
            }
        }
        if let codes = pathway.varianceCodes { assign(codes.record, .varianceRecord) }
        for ignored in pathway.ignored { assign(ignored.activity, .ignored) }

        var table = [Role](repeating: .offPathway, count: Int(roles.keys.max() ?? -1) + 1)
        for (id, role) in roles { table[Int(id)] = role }
        self.roles = table
        self.elements = elements
        choiceElements = elements.indices.filter { elements[$0].kind == .choice }
        var choiceOrdinal = [Int](repeating: -1, count: elements.count)
        for (ordinal, element) in choiceElements.enumerated() { choiceOrdinal[element] = ordinal }
        self.choiceOrdinal = choiceOrdinal
        rules = elements.indices.map { index in
            let element = elements[index]
            return Rule(
                kind: element.kind, mode: element.mode, required: element.required, select: element.select,
                max: element.max ?? -1, isExcusable: element.isExcusable, hasDocumentation: element.documentedBy != nil,
                choice: choiceOrdinal[index], hasWindow: element.window != nil, anchor: element.window?.anchor ?? -1,
                windowMin: element.window?.min?.microseconds ?? .min,
                windowMax: element.window?.max?.microseconds ?? .max)
        }
        codeWarrants = (pathway.varianceCodes?.codes ?? []).map(\.warrants)
        sequencedElements = pathway.stages.enumerated().map { stageIndex, stage in
            guard stage.order == .sequence else { return [] }
            return elements.indices.filter { elements[$0].stage == stageIndex && elements[$0].kind != .avoid }
        }

        var keys = AttributeKeys()
        let groupName = groupBy ?? pathway.cohort.groupBy
        groupKey = groupName.map { keys.index(adding: $0) }
        includes = pathway.cohort.includes.map { (keys.index(adding: $0.key), symbols.intern($0.equals)) }
        excludes = pathway.cohort.excludes.map { (keys.index(adding: $0.key), symbols.intern($0.equals)) }
        if let codes = pathway.varianceCodes {
            stepKey = keys.index(adding: codes.stepKey)
            codeKey = keys.index(adding: codes.codeKey)
            var elementBySymbol: [Int32: Int] = [:]
            for (index, element) in elements.enumerated() { elementBySymbol[symbols.intern(element.id)] = index }
            self.elementBySymbol = elementBySymbol
            var codeBySymbol: [Int32: Int] = [:]
            for (index, code) in codes.codes.enumerated() where codeBySymbol[symbols.intern(code.id)] == nil {
                codeBySymbol[symbols.intern(code.id)] = index
            }
            self.codeBySymbol = codeBySymbol
            self.codes = codes.codes
        } else {
            stepKey = nil
            codeKey = nil
            elementBySymbol = [:]
            codeBySymbol = [:]
            self.codes = []
        }
        self.keys = keys
    }

    @inline(__always)
    public func role(of activity: Int32) -> Role {
        Int(activity) < roles.count ? roles[Int(activity)] : .offPathway
    }
}
