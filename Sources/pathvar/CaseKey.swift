import ArgumentParser
import Foundation

/// The key for pseudonymising case ids. It comes from a file or the environment, never from
/// the command line, where it would be visible to every user of the machine and kept in shell
/// history.
enum CaseKey {
    static func load() throws -> [UInt8] {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PATHVAR_CASE_KEY_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                Terminal.standardError("\(path): error: cannot read the case key file (PATHVAR_CASE_KEY_FILE)")
                throw ExitCode(1)
            }
            var bytes = [UInt8](data)
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
            return try checked(bytes, source: path)
        }
        if let key = environment["PATHVAR_CASE_KEY"], !key.isEmpty {
            return try checked(Array(key.utf8), source: "PATHVAR_CASE_KEY")
        }
        Terminal.standardError(
            "error: --pseudonymise-cases needs a key: put it in a file named by PATHVAR_CASE_KEY_FILE "
                + "or in the environment variable PATHVAR_CASE_KEY (never on the command line)")
        throw ExitCode(1)
    }

    /// A short key makes the pseudonyms guessable by trying every case id.
    private static func checked(_ key: [UInt8], source: String) throws -> [UInt8] {
        guard key.count >= 16 else {
            Terminal.standardError("\(source): error: the case key must be at least 16 bytes long")
            throw ExitCode(1)
        }
        return key
    }
}
