import Foundation

/// Paths of test inputs: the fixtures shipped under `Resources/`, and the real public logs
/// in `../shared/data/` beside the project (absent on some machines: tests that need them
/// are skipped, saying so).
enum Fixtures {
    static let resources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources")

    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture under `Tests/PathvarCoreTests/Resources/`.
    static func path(_ name: String) -> String {
        resources.appendingPathComponent(name).path
    }

    /// A file of the project itself, such as `pathways/sepsis-ed.xml`.
    static func project(_ name: String) -> String {
        projectRoot.appendingPathComponent(name).path
    }

    /// A real log under `../shared/data/`, or nil when that folder is not on this machine.
    static func sharedData(_ name: String) -> String? {
        let path = projectRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data").appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static var hasSharedData: Bool { sharedData("README.md") != nil }
}
