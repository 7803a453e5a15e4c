/// A point in time: microseconds since 1970-01-01T00:00:00Z.
///
/// Every timestamp is converted to an instant when read (local times through the chosen
/// time zone), never relabelled, so that durations across a daylight-saving change are true.
public struct Instant: Sendable, Hashable, Comparable {
    public var microseconds: Int64

    @inlinable
    public init(microseconds: Int64) { self.microseconds = microseconds }

    @inlinable
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.microseconds < rhs.microseconds }
}

/// One thing that happened to a patient: which activity, when, and where in the input.
///
/// Sixteen bytes, integers only; the activity is an id in the reader's `SymbolTable`.
public struct Event: Sendable, Hashable {
    public var activity: Int32
    /// The 1-based line of the input where the event starts (for diagnostics and `explain`).
    public var line: Int32
    public var time: Instant

    @inlinable
    public init(activity: Int32, time: Instant, line: Int32) {
        self.activity = activity
        self.time = time
        self.line = line
    }
}

/// The attribute keys a run needs (group-by, cohort keys, variance-record keys), in a fixed
/// order. Readers keep only these; everything else in the input is skipped without being copied.
public struct AttributeKeys: Sendable, Hashable {
    public private(set) var names: [String] = []

    public init(_ names: [String] = []) {
        for name in names { _ = index(adding: name) }
    }

    public var count: Int { names.count }

    public func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The index of `name`, adding it when new.
    @discardableResult
    public mutating func index(adding name: String) -> Int {
        if let index = names.firstIndex(of: name) { return index }
        names.append(name)
        return names.count - 1
    }
}

/// One patient's case: its id, its events in time order (ties keep input order), and the
/// values of the requested attributes on each event and on the case itself.
///
/// Values are `SymbolTable` ids, `-1` where the attribute is missing.
public struct LogCase: Sendable {
    public static let missing: Int32 = -1

    public var id: Int32
    public var events: [Event]
    /// Row-major: `eventValues[event * keyCount + key]`.
    public var eventValues: [Int32]
    /// Case-level attributes (XES trace attributes): `caseValues[key]`.
    public var caseValues: [Int32]

    public init(id: Int32, events: [Event], eventValues: [Int32], caseValues: [Int32]) {
        self.id = id
        self.events = events
        self.eventValues = eventValues
        self.caseValues = caseValues
    }

    public var keyCount: Int { caseValues.count }

    @inlinable
    public func value(event: Int, key: Int) -> Int32 {
        eventValues[event * caseValues.count + key]
    }

    /// Puts events in time order, keeping input order among equal times, and moves each
    /// event's attribute values with it. A no-op, without allocation, when already sorted.
    public mutating func sortByTime() {
        var sorted = true
        var index = 1
        while index < events.count {
            if events[index].time < events[index - 1].time {
                sorted = false
                break
            }
            index += 1
        }
        if sorted { return }
        // Stable: equal times keep their input positions.
        let order = events.indices.sorted { a, b in
            let ta = events[a].time
            let tb = events[b].time
            return ta < tb || (ta == tb && a < b)
        }
        let keyCount = caseValues.count
        var newEvents: [Event] = []
        newEvents.reserveCapacity(events.count)
        var newValues: [Int32] = []
        newValues.reserveCapacity(eventValues.count)
        for old in order {
            newEvents.append(events[old])
            if keyCount > 0 {
                newValues.append(contentsOf: eventValues[(old * keyCount)..<((old + 1) * keyCount)])
            }
        }
        events = newEvents
        eventValues = newValues
    }
}

/// A row the reader could not use, kept for `rejected.csv` with `--skip-bad-rows`.
public struct RejectedRow: Sendable, Hashable {
    public var line: Int
    public var reason: String
    /// The row as it stood in the input (cut to a few kilobytes for a giant row).
    public var raw: String

    public init(line: Int, reason: String, raw: String) {
        self.line = line
        self.reason = reason
        self.raw = raw
    }
}

/// The reader's account of its input: every row read is either accepted or rejected.
public struct ReadStatistics: Sendable, Hashable {
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected: Int { rejected.count }
    public var rejected: [RejectedRow] = []
    public var bytesRead = 0
    /// Earliest and latest accepted event, for the report's data period.
    public var earliest: Instant?
    public var latest: Instant?

    public init() {}

    public mutating func noteAccepted(_ time: Instant) {
        rowsAccepted += 1
        if earliest == nil || time < earliest! { earliest = time }
        if latest == nil || latest! < time { latest = time }
    }

    /// `read N rows: M accepted, K rejected`, where N = M + K always.
    public var summary: String {
        "read \(rowsRead) rows: \(rowsAccepted) accepted, \(rowsRejected) rejected"
    }
}
