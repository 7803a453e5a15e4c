#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the command line writes: results on standard output, diagnostics and progress on
/// standard error.
enum Terminal {
    static func standardError(_ line: String) {
        var text = line
        text += "\n"
        text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    /// Writes without a line end (for a progress line that overwrites itself).
    static func standardErrorRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
    }

    static var standardErrorIsTerminal: Bool { isatty(2) != 0 }
}
