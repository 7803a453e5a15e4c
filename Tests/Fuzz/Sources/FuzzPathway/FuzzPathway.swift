import FuzzSupport

/// The pathway parser and checker on arbitrary bytes: a pathway comes out only with no
/// errors, and it compiles and describes itself without trouble.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPathway(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let result = PathwayParser.parse(bytes: bytes, file: "fuzz.xml", today: CalendarDate(year: 2026, month: 1, day: 1))
    if let pathway = result.pathway {
        precondition(!result.hasErrors, "a pathway with errors")
        var symbols = SymbolTable()
        let compiled = CompiledPathway(pathway, symbols: &symbols)
        precondition(compiled.elements.count == pathway.elements.count, "elements lost in compiling")
        _ = pathway.canonicalHash
    } else {
        precondition(result.hasErrors, "no pathway and no error")
    }
    return 0
}
