/// Opening and closing traces and events: checks each event when it closes and each trace
/// when it closes, then queues the trace as a case, or reports (or, with `skipBadRows`,
/// rejects) what is wrong with it.
extension XESTraceAssembler {
    /// The longest piece of a value quoted in a message or a rejected row.
    static let quoteLimit = 200
    static let noElement = "the file is not an XES log: it holds no XML element"

    func beginTrace() {
        traceDepth = depth
        traceLine = currentLine
        traceID = LogCase.missing
    }

    func beginEvent() {
        eventDepth = depth
        eventLine = currentLine
        activity = LogCase.missing
        time = nil
        sawTimestamp = false
        for _ in 0..<keyCount { eventValues.append(LogCase.missing) }
    }

    /// Keeps the event, or reports what it lacks.
    func endEvent() {
        let problem: String
        if activity == LogCase.missing {
            problem = "the event has no concept:name (its activity)"
        } else if !sawTimestamp {
            problem = "the event has no time:timestamp"
        } else if let time {
            events.append(Event(activity: activity, time: time, line: eventLine))
            return
        } else {
            problem = "cannot read the time:timestamp \(Self.quoted(timestampText))"
        }
        guard skipBadRows else {
            fail(line: eventLine, problem)
            return
        }
        eventValues.removeLast(keyCount)
        traceRejections.append(RejectedRow(line: Int(eventLine), reason: problem, raw: describeEvent()))
    }

    /// The line of the first trace with this id, if one was read.
    @inline(__always)
    private func firstLine(ofTrace id: Int32) -> Int32? {
        let index = Int(id)
        guard index < traceLines.count, traceLines[index] >= 0 else { return nil }
        return traceLines[index]
    }

    private func noteFirstLine(_ line: Int32, ofTrace id: Int32) {
        let index = Int(id)
        if index >= traceLines.count {
            traceLines.append(contentsOf: repeatElement(-1, count: index + 1 - traceLines.count))
        }
        traceLines[index] = line
    }

    /// Queues the trace as a case, or reports (rejects) it when it has no id or a used one.
    func endTrace() {
        tracesSeen += 1
        statistics.rowsRead += events.count + traceRejections.count
        var problem: String?
        if traceID == LogCase.missing {
            problem = "the trace has no concept:name (its case id)"
            if !skipBadRows {
                fail(line: traceLine, problem!)
                return
            }
        } else if let first = firstLine(ofTrace: traceID) {
            let name = Self.quoted(symbols, traceID)
            guard skipBadRows else {
                fail(line: traceLine, "the trace id \(name) is used twice: at line \(first) and at line \(traceLine)")
                return
            }
            problem = "the trace id \(name) was already used by the trace at line \(first)"
        } else {
            noteFirstLine(traceLine, ofTrace: traceID)
        }
        if let problem {
            rejectWholeTrace(because: "\(problem) (trace at line \(traceLine))")
        } else {
            statistics.rejected.append(contentsOf: traceRejections)
            if events.isEmpty {
                tracesWithoutEvents += 1
            } else {
                var logCase = LogCase(id: traceID, events: events, eventValues: eventValues, caseValues: caseValues)
                logCase.sortByTime()
                for event in logCase.events { statistics.noteAccepted(event.time) }
                ready.append(logCase)
                casesQueued += 1
            }
        }
        resetTrace()
    }

    /// Rejects every event of the trace, in input order: the ones already bad keep their own
    /// reason, the good ones get the trace's.
    private func rejectWholeTrace(because reason: String) {
        var bad = traceRejections.makeIterator()
        var nextBad = bad.next()
        for event in events {
            while let row = nextBad, row.line < Int(event.line) {
                statistics.rejected.append(row)
                nextBad = bad.next()
            }
            let raw = "concept:name=\(Self.quoted(symbols, event.activity))"
            statistics.rejected.append(RejectedRow(line: Int(event.line), reason: reason, raw: raw))
        }
        while let row = nextBad {
            statistics.rejected.append(row)
            nextBad = bad.next()
        }
    }

    private func resetTrace() {
        let capacity = events.count
        events = []
        events.reserveCapacity(capacity)
        eventValues = []
        eventValues.reserveCapacity(capacity * keyCount)
        traceRejections.removeAll()
        for index in caseValues.indices { caseValues[index] = LogCase.missing }
        traceID = LogCase.missing
    }

    /// What a rejected event had, for `rejected.csv`: its activity and timestamp as written.
    private func describeEvent() -> String {
        var parts: [String] = []
        if activity != LogCase.missing { parts.append("concept:name=\(Self.quoted(symbols, activity))") }
        if sawTimestamp { parts.append("time:timestamp=\(Self.quoted(timestampText))") }
        return parts.isEmpty ? "<event> without concept:name and time:timestamp" : parts.joined(separator: " ")
    }

    // MARK: The end of the input

    /// Called once libxml2 has seen the last byte: reports a log that stops early or that
    /// holds nothing to audit.
    func finishLog(bytesRead: Int) {
        if bytesRead == 0 {
            // Rather than libxml2's "Document is empty", which it also says of white space.
            replaceFailure(line: 0, "the log is empty")
            return
        }
        if traceDepth != 0 {
            // libxml2's own complaint ("Premature end of data in tag …") names a tag, not the
            // cause; the trace is what the user has lost.
            replaceFailure(line: currentLine, "the log ends inside a trace (started at line \(traceLine))")
            return
        }
        if !sawElement {
            // libxml2's push parser says "Document is empty" or "Extra content at the end of
            // the document" of a file without a single tag (text, CSV, white space).
            replaceFailure(line: 0, Self.noElement)
            return
        }
        if depth > 0 {
            // libxml2's push parser says "Extra content at the end of the document" here.
            replaceFailure(line: currentLine, "the log ends before its closing </log>")
            return
        }
        guard failure == nil else { return }
        // Problems of the whole log: no line to point at.
        if tracesSeen == 0 {
            fail(line: 0, "the log has no traces")
        } else if casesQueued == 0 && statistics.rowsRead == 0 {
            fail(line: 0, "the log has no events: its \(tracesSeen) traces are empty")
        } else if casesQueued == 0 {
            fail(line: 0, "the log has no usable events: all \(statistics.rowsRead) were rejected")
        }
    }

    // MARK: Quoting

    /// `"text"`, cut to `quoteLimit` bytes with `…` when longer.
    static func quoted(_ bytes: [UInt8]) -> String {
        if bytes.count <= quoteLimit { return "\"\(String(decoding: bytes, as: UTF8.self))\"" }
        return "\"\(String(decoding: bytes[..<quoteLimit], as: UTF8.self))…\""
    }

    static func quoted(_ symbols: SymbolTable, _ id: Int32) -> String {
        symbols.withBytes(id) { quoted(Array($0.prefix(quoteLimit + 1))) }
    }
}
