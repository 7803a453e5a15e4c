// swift-tools-version:6.1
import PackageDescription

// Benchmarks for pathvar, kept out of the main package so that building or testing pathvar
// never pulls in the benchmark harness. Run from this folder:
//   swift package benchmark                       (see README.md)
let package = Package(
    name: "PathvarBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "pathvar", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "PathvarBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PathvarCore", package: "pathvar"),
            ],
            path: "Benchmarks/PathvarBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
