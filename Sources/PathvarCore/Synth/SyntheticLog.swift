/// Writes a realistic, deterministic event log for any pathway: the bundled demo, the
/// benchmarks and the property tests all use it, and none of its output is committed.
///
/// Each case enters the pathway, then meets each element with realistic imperfection: some
/// steps are omitted (more often in some units than others, so the funnel plot has
/// something to show), some are late or repeated, choices are taken with a preference
/// that is usually documented, things to avoid occasionally happen, and a share of
/// departures carry a documented variance code. Off-pathway and ignored activities are
/// sprinkled in, as in real exports.
public struct SyntheticLog {
    public var pathway: Pathway
    public var cases: Int
    public var seed: UInt64
    /// The first case enters at this instant; entries then spread evenly over `months`.
    public var start = Instant(microseconds: 1_704_067_200 * 1_000_000)  // 2024-01-01T00:00:00Z
    public var months = 12
    public var units = ["Unit A", "Unit B", "Unit C", "Unit D", "Unit E", "Unit F"]

    public init(pathway: Pathway, cases: Int, seed: UInt64 = 1) {
        self.pathway = pathway
        self.cases = cases
        self.seed = seed
    }

    /// One generated event.
    public struct SyntheticEvent {
        public var activity: String
        public var time: Instant
        /// Attribute values by key (group, cohort keys, variance keys).
        public var attributes: [(String, String)]
    }

    /// The attribute columns every row carries, in order.
    public var attributeKeys: [String] {
        var keys: [String] = []
        func add(_ key: String) { if !keys.contains(key) { keys.append(key) } }
        add(pathway.cohort.groupBy ?? "unit")
        for condition in pathway.cohort.includes + pathway.cohort.excludes { add(condition.key) }
        if let codes = pathway.varianceCodes {
            add(codes.stepKey)
            add(codes.codeKey)
        }
        return keys
    }

    /// The events of case number `index`, in time order; the same for the same seed and index.
    public func events(ofCase index: Int) -> [SyntheticEvent] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(index))
        let span = Int64(months) * 30 * 86_400_000_000
        let entry =
            start.microseconds + span * Int64(index) / Int64(max(1, cases)) + Int64(random.below(3_600)) * 1_000_000
        let unit = random.below(units.count)
        let groupKey = pathway.cohort.groupBy ?? "unit"
        var entryAttributes = [(groupKey, units[unit])]
        for include in pathway.cohort.includes {
            entryAttributes.append((include.key, random.chance(0.93) ? include.equals : "false"))
        }
        for exclude in pathway.cohort.excludes where random.chance(0.03) {
            entryAttributes.append((exclude.key, exclude.equals))
        }
        var events = [
            SyntheticEvent(
                activity: pathway.cohort.entry.activity, time: Instant(microseconds: entry), attributes: entryAttributes
            )
        ]
        // Units differ a little in how reliably they follow the pathway, and the last one
        // clearly: the funnel plot should show common-cause spread and one special cause.
        let slack = unit == units.count - 1 ? 0.045 : 0.022 + 0.002 * Double(unit)
        var firstTimes: [String: Int64] = [:]
        var previous = entry
        for stage in pathway.stages {
            for element in stage.elements {
                let anchorTime: Int64 =
                    switch element.window?.after {
                    case .entry?: entry
                    case .element(let id)?: firstTimes[id] ?? previous
                    case nil: previous
                    }
                let limit = element.window?.max?.microseconds ?? 2 * 3_600_000_000
                // Mostly inside the window, sometimes beyond it.
                let fraction = random.chance(slack * 1.5) ? 1.05 + random.unit() : 0.1 + 0.85 * random.unit()
                var time = anchorTime + Int64(Double(limit) * fraction)
                if let min = element.window?.min, random.chance(slack / 2) {
                    time = anchorTime + min.microseconds - 60_000_000 * Int64(1 + random.below(30))
                }
                switch element {
                case .step(let step):
                    let expected = step.required != .could || random.chance(0.6)
                    guard expected, !random.chance(slack) else {
                        document(element.id, near: time, &events, &random)
                        continue
                    }
                    events.append(
                        SyntheticEvent(
                            activity: label(step.match, &random), time: Instant(microseconds: time), attributes: []))
                    if random.chance(slack / 2) {
                        events.append(
                            SyntheticEvent(
                                activity: step.match.activity, time: Instant(microseconds: time + 600_000_000),
                                attributes: []))
                    }
                    firstTimes[step.id] = time
                case .choice(let choice):
                    guard !random.chance(slack) else {
                        document(element.id, near: time, &events, &random)
                        continue
                    }
                    // A preference: options further down the list are chosen less often.
                    var option = 0
                    while option + 1 < choice.options.count && random.chance(0.35) { option += 1 }
                    events.append(
                        SyntheticEvent(
                            activity: label(choice.options[option].match, &random), time: Instant(microseconds: time),
                            attributes: []))
                    if choice.options.count > 1 && random.chance(slack / 3) {
                        let other = (option + 1) % choice.options.count
                        events.append(
                            SyntheticEvent(
                                activity: choice.options[other].match.activity,
                                time: Instant(microseconds: time + 3_600_000_000), attributes: []))
                    }
                    if let documentedBy = choice.documentedBy, random.chance(0.88 - slack) {
                        events.append(
                            SyntheticEvent(
                                activity: documentedBy, time: Instant(microseconds: time - 300_000_000), attributes: [])
                        )
                    }
                    firstTimes[choice.id] = time
                case .avoid(let avoid):
                    guard random.chance(slack) else { continue }
                    events.append(
                        SyntheticEvent(
                            activity: avoid.match.activity, time: Instant(microseconds: time), attributes: []))
                    document(element.id, near: time, &events, &random)
                }
                previous = max(previous, time)
            }
        }
        for ignored in pathway.ignored where random.chance(0.5) {
            events.append(
                SyntheticEvent(
                    activity: ignored.activity,
                    time: Instant(microseconds: entry + Int64(random.below(7_200)) * 1_000_000), attributes: []))
        }
        if random.chance(0.2) {
            let activity = ["Chest X-ray", "ECG", "Blood Culture", "Social Work Referral"][random.below(4)]
            events.append(
                SyntheticEvent(
                    activity: activity, time: Instant(microseconds: entry + Int64(random.below(14_400)) * 1_000_000),
                    attributes: []))
        }
        // Stable: a tie keeps generation order, as a real export would.
        let order = events.indices.sorted { (events[$0].time, $0) < (events[$1].time, $1) }
        return order.map { events[$0] }
    }

    /// Sometimes a departure comes with a documented variance code.
    private func document(
        _ element: String, near time: Int64, _ events: inout [SyntheticEvent], _ random: inout SplitMix64
    ) {
        guard let codes = pathway.varianceCodes, !codes.codes.isEmpty, random.chance(0.4) else { return }
        let code = random.chance(0.03) ? "UNKNOWN" : codes.codes[random.below(codes.codes.count)].id
        events.append(
            SyntheticEvent(
                activity: codes.record, time: Instant(microseconds: time + 120_000_000),
                attributes: [(codes.stepKey, element), (codes.codeKey, code)]))
    }

    private func label(_ match: ActivityMatch, _ random: inout SplitMix64) -> String {
        match.aliases.isEmpty || random.chance(0.9) ? match.activity : match.aliases[random.below(match.aliases.count)]
    }
}
