import ArgumentParser
import Foundation

/// `quant-bench`: timings of the quant toolkit. Subcommands live in their own files
/// (`ICTiming` "ic", `FactorTiming` "factors"; helpers may add more, e.g. `RiskTiming`).
@main
struct QuantBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quant-bench",
        abstract: "Timings of the quant toolkit (rank IC, factor library, risk metrics).",
        subcommands: [ICTiming.self, FactorTiming.self, RiskTiming.self],
        defaultSubcommand: ICTiming.self
    )
}

/// Median of wall-clock seconds of `body` over `repeats` runs (after one warm-up run).
func medianSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> (median: Double, all: [Double]) {
    try body()
    var times: [Double] = []
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
    }
    let s = times.sorted()
    return (s[s.count / 2], times)
}

/// A small deterministic generator (SplitMix64) so runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
