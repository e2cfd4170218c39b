// swift-tools-version: 6.2
// FactorLab: BLAS/LAPACK-accelerated numerics and a quant research toolkit for Linux.
import PackageDescription

let package = Package(
    name: "FactorLab",
    products: [
        .library(name: "CBLAS", targets: ["CBLAS"]),
        .library(name: "NumericsSupport", targets: ["NumericsSupport"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Quant", targets: ["Quant"]),
        .library(name: "FactorLab", targets: ["FactorLab"]),
        .executable(name: "factorlab", targets: ["FactorLabCLI"]),
        .executable(name: "lstm-bench", targets: ["lstm-bench"]),
        .executable(name: "ols-bench", targets: ["ols-bench"]),
        .executable(name: "quant-bench", targets: ["quant-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // System BLAS/LAPACK (Debian: libopenblas-dev, liblapacke-dev).
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev", "pkg-config"])]
        ),
        // Vectorised elementwise kernels (C, function multi-versioning for AVX-512/AVX2).
        .target(name: "CKernels"),
        // Shared numerics below Tensors and Quant: distributions, Newey–West, SplitMix64, JSON, ISO dates.
        .target(
            name: "NumericsSupport",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "Tensors",
            dependencies: [
                "NumericsSupport", "CBLAS", "CKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(
            name: "Quant",
            dependencies: [
                "NumericsSupport", "CBLAS",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "FactorLab",
            dependencies: ["Tensors", "Quant", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "FactorLabCLI",
            dependencies: [
                "FactorLab", "Tensors", "Quant",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lstm-bench",
            dependencies: ["Tensors", "CBLAS", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/lstm-bench"
        ),
        .executableTarget(
            name: "ols-bench",
            dependencies: ["Tensors", "CBLAS", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/ols-bench"
        ),
        .executableTarget(
            name: "quant-bench",
            dependencies: ["Quant", "Tensors", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/quant-bench"
        ),
        // Helpers shared by the test targets (approximate equality, test RNG, reference-data paths).
        .target(
            name: "TestSupport",
            dependencies: ["NumericsSupport"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "NumericsSupportTests",
            dependencies: ["NumericsSupport", "TestSupport"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "TensorsTests",
            dependencies: ["Tensors", "NumericsSupport", "TestSupport", "CBLAS", .product(name: "BigInt", package: "BigInt")],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "QuantTests",
            dependencies: ["Quant", "NumericsSupport", "TestSupport"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "FactorLabTests",
            dependencies: ["FactorLab", "Tensors", "Quant", "TestSupport"],
            resources: [.copy("Resources")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
