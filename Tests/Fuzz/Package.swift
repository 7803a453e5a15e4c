// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for every parser pathvar exposes to untrusted input. Built only by
/// `Tests/Fuzz/run` with `--sanitize=fuzzer --sanitize=address`: the targets have no `main`
/// of their own (libFuzzer provides it), so this is a package of its own, not part of the
/// main build.
let fuzzerSettings: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "PathvarFuzz",
    dependencies: [.package(name: "pathvar", path: "../..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "PathvarCore", package: "pathvar")]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"], swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzXES", dependencies: ["FuzzSupport"], swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzPathway", dependencies: ["FuzzSupport"], swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzTimestamp", dependencies: ["FuzzSupport"], swiftSettings: fuzzerSettings),
        .executableTarget(name: "FuzzDuration", dependencies: ["FuzzSupport"], swiftSettings: fuzzerSettings),
    ]
)
