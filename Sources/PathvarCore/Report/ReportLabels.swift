import Crypto

/// How cases and groups are named in every report file: as in the log, or blinded.
///
/// `--blind` replaces group labels by stable pseudonyms (`Unit 01`, …), numbered in the
/// order of a SHA-256 hash of the real label, so that the numbering reveals nothing (not
/// even alphabetical order) and is the same every time the same groups are audited. The
/// key to the pseudonyms goes only to `blinding-key.csv`. `--pseudonymise-cases` replaces
/// case ids by a keyed HMAC-SHA256, so that only the key's holder can link a row back to a
/// patient.
///
/// `@unchecked Sendable`: every property is immutable after `init`; `SymmetricKey` is an
/// immutable value that swift-crypto does not mark `Sendable`.
public struct ReportLabels: @unchecked Sendable {
    private var groupNames: [Int32: String] = [:]
    private var caseKey: SymmetricKey?
    public private(set) var blindingKey: [(pseudonym: String, group: String)] = []
    private let noGroupKey: Bool
    private let symbols: SymbolTable

    public init(result: AuditResult, blind: Bool, caseKey: [UInt8]? = nil) {
        symbols = result.symbols
        noGroupKey = result.compiled.groupKey == nil
        self.caseKey = caseKey.map { SymmetricKey(data: $0) }
        var seen = result.tally.groupsSeen
        seen.remove(LogCase.missing)
        if blind {
            let names = seen.map { result.symbols.string($0) }
            let pseudonyms = Self.pseudonyms(for: names)
            blindingKey = pseudonyms.map { ($0.value, $0.key) }.sorted { $0.0 < $1.0 }
            for symbol in seen { groupNames[symbol] = pseudonyms[result.symbols.string(symbol)] }
        } else {
            for symbol in seen { groupNames[symbol] = result.symbols.string(symbol) }
        }
        self.isBlind = blind
    }

    public let isBlind: Bool

    /// Stable pseudonyms (`Unit 01`, ...) for group labels, numbered in the order of the
    /// SHA-256 of each label.
    public static func pseudonyms(for names: some Collection<String>) -> [String: String] {
        let ordered = Set(names).map { name in
            (SHA256.hash(data: Array(name.utf8)).map { hex($0) }.joined(), name)
        }.sorted { $0 < $1 }
        let width = max(2, String(ordered.count).count)
        var result: [String: String] = [:]
        for (index, (_, name)) in ordered.enumerated() {
            let number = String(index + 1)
            result[name] = "Unit " + String(repeating: "0", count: width - number.count) + number
        }
        return result
    }

    /// `blinding-key.csv` for a mapping of real labels to pseudonyms.
    public static func blindingKeyCSV(_ pseudonyms: [String: String]) -> [UInt8] {
        var csv = CSVWriter(header: ["pseudonym", "group"])
        for (name, pseudonym) in pseudonyms.sorted(by: { $0.value < $1.value }) {
            csv.append(pseudonym, fromInput: false)
            csv.append(name, fromInput: true)
            csv.endRow()
        }
        return csv.bytes
    }

    /// The group label of a case, and whether it is text from the log (spreadsheet-escaped).
    public func group(_ outcome: CaseOutcome) -> (text: String, fromInput: Bool) { group(outcome.group) }

    /// The label of a group symbol (`LogCase.missing` for a case without one).
    public func group(_ symbol: Int32) -> (text: String, fromInput: Bool) {
        if noGroupKey { return ("(all)", false) }
        guard symbol != LogCase.missing, let name = groupNames[symbol] else {
            return ("(unknown)", false)
        }
        return (name, !isBlind)
    }

    /// The case id as reports show it: as in the log, or its keyed pseudonym.
    public func caseId(_ symbol: Int32) -> String {
        guard let caseKey else { return symbols.string(symbol) }
        let code = symbols.withBytes(symbol) { HMAC<SHA256>.authenticationCode(for: $0, using: caseKey) }
        return code.prefix(12).map { Self.hex($0) }.joined()
    }

    public var pseudonymisesCases: Bool { caseKey != nil }

    /// Appends the case id as reports show it, straight from the symbol table's bytes.
    func appendCaseId(_ symbol: Int32, to csv: inout CSVWriter) {
        if caseKey != nil {
            csv.append(caseId(symbol), fromInput: false)
        } else {
            symbols.withBytes(symbol) { csv.append(bytes: $0, fromInput: true) }
        }
    }

    /// `blinding-key.csv`: pseudonym and real group label, for the lead's eyes only.
    public func blindingKeyCSV() -> [UInt8] {
        Self.blindingKeyCSV(Dictionary(uniqueKeysWithValues: blindingKey.map { ($0.group, $0.pseudonym) }))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
