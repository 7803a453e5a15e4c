/// Groups a flat stream of events (one per CSV row) into cases.
///
/// Exports usually list each case's rows together. Then a case is complete as soon as another
/// case id appears, and is handed on at once: memory is bounded by the largest case, not the
/// file. If a case id that was already handed on appears again, the log is not grouped and
/// `add` throws `NotAdjacent`; the caller may then read the log again with `holdAllCases`,
/// where every case is kept until the end and handed on in first-seen order.
struct CaseAssembler {
    /// Rows of `caseID` appear again on `line` after its case was handed on: it last appeared on
    /// `previousLine`.
    struct NotAdjacent: Error {
        var caseID: Int32
        var previousLine: Int
        var line: Int
    }

    let keyCount: Int
    let holdAllCases: Bool

    /// The case being read (adjacent mode): its id (-1 before the first row), events and values,
    /// kept apart rather than as a `LogCase?` so that appending touches one array in place.
    private var currentID: Int32 = -1
    private var currentEvents: [Event] = []
    private var currentValues: [Int32] = []
    private var currentCaseValues: [Int32] = []
    private var currentLastLine = 0
    /// For each symbol id that is a handed-on case id: the last line of its rows, else 0.
    /// (A bitset would do for the check; the line makes the message actionable, at four bytes
    /// per symbol, which the symbol table itself dwarfs.)
    private var lastLineOfFinishedCase: [Int32] = []

    /// Hold-all mode: every case, in first-seen order, and each case id's place in `held`.
    private var held: [LogCase] = []
    private var heldIndexOfSymbol: [Int32] = []
    private var nextToHandOut = 0

    init(keyCount: Int, holdAllCases: Bool) {
        self.keyCount = keyCount
        self.holdAllCases = holdAllCases
    }

    /// Adds one row's event to its case. `caseValues` are the row's case-level values: the first
    /// one present in a case's rows is kept. In adjacent mode, returns the previous case,
    /// complete and sorted by time, when this row starts a new one.
    @inline(__always)
    mutating func add(
        caseID: Int32, event: Event, values: [Int32], caseValues: [Int32]
    ) throws(NotAdjacent) -> LogCase? {
        if holdAllCases {
            addHeld(caseID: caseID, event: event, values: values, caseValues: caseValues)
            return nil
        }
        if currentID == caseID {
            currentEvents.append(event)
            for key in 0..<keyCount {
                currentValues.append(values[key])
                if currentCaseValues[key] == LogCase.missing { currentCaseValues[key] = caseValues[key] }
            }
            currentLastLine = Int(event.line)
            return nil
        }
        return try startCase(caseID: caseID, event: event, values: values, caseValues: caseValues)
    }

    private mutating func startCase(
        caseID: Int32, event: Event, values: [Int32], caseValues: [Int32]
    ) throws(NotAdjacent) -> LogCase? {
        let symbol = Int(caseID)
        if symbol < lastLineOfFinishedCase.count && lastLineOfFinishedCase[symbol] != 0 {
            throw NotAdjacent(
                caseID: caseID, previousLine: Int(lastLineOfFinishedCase[symbol]), line: Int(event.line))
        }
        let finished = finishCurrent()
        currentID = caseID
        // Room for a typical case at once, rather than growing 1, 2, 4, 8, 16.
        currentEvents.reserveCapacity(16)
        currentValues.reserveCapacity(16 * keyCount)
        currentEvents.append(event)
        for key in 0..<keyCount {
            currentValues.append(values[key])
            currentCaseValues.append(caseValues[key])
        }
        currentLastLine = Int(event.line)
        return finished
    }

    /// Takes the current case out, sorted, marking its id as handed on.
    private mutating func finishCurrent() -> LogCase? {
        guard currentID >= 0 else { return nil }
        // The arrays move into the case; the next case starts with fresh ones.
        var finished = LogCase(
            id: currentID, events: currentEvents, eventValues: currentValues,
            caseValues: currentCaseValues)
        currentEvents = []
        currentValues = []
        currentCaseValues = []
        currentID = -1
        let symbol = Int(finished.id)
        if symbol >= lastLineOfFinishedCase.count {
            let grown = max(symbol + 1, lastLineOfFinishedCase.count * 2, 1024)
            lastLineOfFinishedCase.append(
                contentsOf: repeatElement(0, count: grown - lastLineOfFinishedCase.count))
        }
        lastLineOfFinishedCase[symbol] = Int32(clamping: max(currentLastLine, 1))
        finished.sortByTime()
        return finished
    }

    private mutating func addHeld(
        caseID: Int32, event: Event, values: [Int32], caseValues: [Int32]
    ) {
        let symbol = Int(caseID)
        if symbol >= heldIndexOfSymbol.count {
            let grown = max(symbol + 1, heldIndexOfSymbol.count * 2, 1024)
            heldIndexOfSymbol.append(
                contentsOf: repeatElement(-1, count: grown - heldIndexOfSymbol.count))
        }
        var index = Int(heldIndexOfSymbol[symbol])
        if index < 0 {
            index = held.count
            heldIndexOfSymbol[symbol] = Int32(index)
            held.append(
                LogCase(
                    id: caseID, events: [], eventValues: [],
                    caseValues: Array(repeating: LogCase.missing, count: keyCount)))
        }
        held[index].events.append(event)
        for key in 0..<keyCount {
            held[index].eventValues.append(values[key])
            if held[index].caseValues[key] == LogCase.missing {
                held[index].caseValues[key] = caseValues[key]
            }
        }
    }

    /// At the end of the log: the next case still held, sorted by time, or nil when all are out.
    mutating func nextRemaining() -> LogCase? {
        if !holdAllCases { return finishCurrent() }
        guard nextToHandOut < held.count else { return nil }
        // Swap the case out so its memory goes with it.
        var finished = LogCase(id: -1, events: [], eventValues: [], caseValues: [])
        swap(&finished, &held[nextToHandOut])
        nextToHandOut += 1
        finished.sortByTime()
        return finished
    }
}
