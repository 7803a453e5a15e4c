// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "pathvar",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pathvar", targets: ["pathvar"]),
        .library(name: "PathvarCore", targets: ["PathvarCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        /// libxml2, the only XML library: pathways are DOM-parsed and schema-validated,
        /// XES logs are streamed through its SAX2 push parser.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        /// zlib, for reading `.gz` logs as they stream in.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        /// The one system call Swift cannot reach directly: an atomic swap of two folders.
        .target(name: "CSystemSupport"),
        /// Everything the tool does: pathway → log → match → classify → report.
        .target(
            name: "PathvarCore",
            dependencies: [
                "CLibXML2", "CZlib", "CSystemSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        /// The command line: parses arguments and calls into PathvarCore.
        .executableTarget(
            name: "pathvar",
            dependencies: [
                "PathvarCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PathvarCoreTests",
            dependencies: ["PathvarCore"],
            exclude: ["Resources"]
        ),
        .testTarget(
            name: "PathvarEndToEndTests",
            dependencies: ["pathvar"]
        ),
    ]
)
