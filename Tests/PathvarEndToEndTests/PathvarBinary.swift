import Foundation

/// Runs the built `pathvar` binary as a user would, capturing what it prints.
struct PathvarBinary {
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (`swift build` puts both in one products folder).
    static var url: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("pathvar"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pathvar"),
            projectRoot.appendingPathComponent(".build/debug/pathvar"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `pathvar arguments…` in the project's root folder.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], standardInput: Data? = nil) throws
        -> Run
    {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = projectRoot
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "PATHVAR_CASE_KEY")
        merged.removeValue(forKey: "PATHVAR_CASE_KEY_FILE")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let standardInput { input.fileHandleForWriting.write(standardInput) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty process never blocks on a full pipe.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A fresh folder for one test's outputs, deleted with it.
final class Scratch {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pathvar-e2e-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = path(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}
