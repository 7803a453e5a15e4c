import FuzzSupport

/// The CSV reader on arbitrary bytes, once stopping at the first bad row and once skipping
/// bad rows (where every row must be accounted for).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzInput.write(data, size, suffix: ".csv")
    for skip in [false, true] {
        var options = LogReadOptions()
        options.skipBadRows = skip
        options.attributeKeys = AttributeKeys(["org:group", "InfectionSuspected"])
        guard var reader = try? CSVReader(path: path, options: options, symbols: SymbolTable()) else { continue }
        FuzzInput.readAll(&reader)
    }
    return 0
}
