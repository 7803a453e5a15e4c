import FuzzSupport

/// The XES reader (libxml2's SAX2 push parser underneath) on arbitrary bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXES(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(data, size, suffix: ".xes")
    for skip in [false, true] {
        var options = LogReadOptions()
        options.skipBadRows = skip
        options.attributeKeys = AttributeKeys(["org:group", "InfectionSuspected"])
        guard var reader = try? XESReader(path: path, options: options, symbols: SymbolTable()) else { continue }
        FuzzInput.readAll(&reader)
    }
    return 0
}
