import Testing

@testable import PathvarCore

@Suite struct SymbolTableTests {
    @Test func internsInFirstSeenOrder() {
        var table = SymbolTable(capacity: 2)
        #expect(table.intern("ER Registration") == 0)
        #expect(table.intern("ER Triage") == 1)
        #expect(table.intern("ER Registration") == 0)
        #expect(table.intern("") == 2)
        #expect(table.count == 3)
        #expect(table.string(1) == "ER Triage")
        #expect(table.lookup("ER Triage") == 1)
        #expect(table.lookup("CRP") == nil)
    }

    @Test func growsWithoutLosingSymbols() {
        var table = SymbolTable(capacity: 1)
        for number in 0..<10_000 { #expect(table.intern("case \(number)") == Int32(number)) }
        for number in stride(from: 0, to: 10_000, by: 997) {
            #expect(table.lookup("case \(number)") == Int32(number))
            #expect(table.string(Int32(number)) == "case \(number)")
        }
    }

    @Test(arguments: ["", "a", "abcdefgh", "abcdefghi", "ß∂ƒ©˙∆˚¬…æ"])
    func lengthsAroundTheWordSizeAreDistinct(text: String) {
        var table = SymbolTable()
        let id = table.intern(text)
        #expect(table.intern(text + "x") != id)
        #expect(table.string(id) == text)
    }
}
