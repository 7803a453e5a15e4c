extension AuditTotals {
    /// Adds another audit's totals of the same pathway: every count is a plain sum (the data
    /// period is the union), so merging is associative and order-independent, and merged
    /// totals equal those of one run over all the cases.
    public mutating func add(_ other: AuditTotals) {
        rowsRead += other.rowsRead
        rowsAccepted += other.rowsAccepted
        rowsRejected += other.rowsRejected
        earliestEvent = [earliestEvent, other.earliestEvent].compactMap { $0 }.min()
        latestEvent = [latestEvent, other.latestEvent].compactMap { $0 }.max()
        cases += other.cases
        cohortCases += other.cohortCases
        casesWithoutEntry += other.casesWithoutEntry
        casesExcluded += other.casesExcluded
        conformantCases += other.conformantCases
        events += other.events
        deviations.merge(other.deviations, uniquingKeysWith: +)
        categories.merge(other.categories, uniquingKeysWith: +)
        for index in elements.indices where index < other.elements.count {
            let theirs = other.elements[index]
            elements[index].performed += theirs.performed
            elements[index].kinds.merge(theirs.kinds, uniquingKeysWith: +)
            elements[index].classes.merge(theirs.classes, uniquingKeysWith: +)
            elements[index].casesWithUnwarranted += theirs.casesWithUnwarranted
            elements[index].delays.merge(theirs.delays, uniquingKeysWith: +)
        }
        groups.merge(other.groups, uniquingKeysWith: +)
        months.merge(other.months, uniquingKeysWith: +)
        for index in choices.indices where index < other.choices.count {
            let theirs = other.choices[index]
            choices[index].casesChoosing.merge(theirs.casesChoosing, uniquingKeysWith: +)
            choices[index].taken.merge(theirs.taken) { $0.merging($1, uniquingKeysWith: +) }
            choices[index].documented.merge(theirs.documented) { $0.merging($1, uniquingKeysWith: +) }
        }
        variance.merge(other.variance) { $0.merging($1, uniquingKeysWith: +) }
        offPathway.merge(other.offPathway, uniquingKeysWith: +)
    }

    /// The same totals with every group folded into one, named `group`: a site's totals, so
    /// that a merged funnel plot compares sites.
    public func regrouped(as group: String) -> AuditTotals {
        var copy = self
        copy.groups = groups.isEmpty ? [:] : [group: groups.values.reduce(GroupTotals(), +)]
        for index in copy.choices.indices {
            let choice = choices[index]
            copy.choices[index].casesChoosing =
                choice.casesChoosing.isEmpty ? [:] : [group: choice.casesChoosing.values.reduce(0, +)]
            copy.choices[index].taken = choice.taken.mapValues { [group: $0.values.reduce(0, +)] }
            copy.choices[index].documented = choice.documented.mapValues { [group: $0.values.reduce(0, +)] }
        }
        return copy
    }
}

extension AuditTotals.GroupTotals {
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(cases: lhs.cases + rhs.cases, unwarrantedCases: lhs.unwarrantedCases + rhs.unwarrantedCases)
    }
}

extension AuditTotals.ActivityTotals {
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(events: lhs.events + rhs.events, cases: lhs.cases + rhs.cases)
    }
}

extension AuditTotals.ElementTotals {
    private enum CodingKeys: String, CodingKey {
        case id, stage, type, mode, required, performed, kinds, classes, casesWithUnwarranted, delays
    }

    /// Delays are written as `{"seconds": cases}` so that the partial file reads naturally.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(stage, forKey: .stage)
        try container.encode(type, forKey: .type)
        try container.encode(mode, forKey: .mode)
        try container.encode(required, forKey: .required)
        try container.encode(performed, forKey: .performed)
        try container.encode(kinds, forKey: .kinds)
        try container.encode(classes, forKey: .classes)
        try container.encode(casesWithUnwarranted, forKey: .casesWithUnwarranted)
        try container.encode(
            Dictionary(uniqueKeysWithValues: delays.map { (String($0.key), $0.value) }), forKey: .delays)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        stage = try container.decode(String.self, forKey: .stage)
        type = try container.decode(String.self, forKey: .type)
        mode = try container.decode(String.self, forKey: .mode)
        required = try container.decode(String.self, forKey: .required)
        performed = try container.decode(Int.self, forKey: .performed)
        kinds = try container.decode([String: Int].self, forKey: .kinds)
        classes = try container.decode([String: Int].self, forKey: .classes)
        casesWithUnwarranted = try container.decode(Int.self, forKey: .casesWithUnwarranted)
        var delays: [Int64: Int] = [:]
        for (key, value) in try container.decode([String: Int].self, forKey: .delays) {
            guard let seconds = Int64(key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .delays, in: container, debugDescription: "delay '\(key)' is not a whole number of seconds")
            }
            delays[seconds] = value
        }
        self.delays = delays
    }
}

extension AuditTotals {
    /// The same totals with group labels renamed (for blinding a merged report); labels not
    /// in `names` stay as they are.
    public func renamingGroups(_ names: [String: String]) -> AuditTotals {
        func rename<V>(_ map: [String: V], _ combine: (V, V) -> V) -> [String: V] {
            Dictionary(map.map { (names[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: combine)
        }
        var copy = self
        copy.groups = rename(groups, +)
        for index in copy.choices.indices {
            copy.choices[index].casesChoosing = rename(choices[index].casesChoosing, +)
            copy.choices[index].taken = choices[index].taken.mapValues { rename($0, +) }
            copy.choices[index].documented = choices[index].documented.mapValues { rename($0, +) }
        }
        return copy
    }
}
