import ArgumentParser
import Foundation
import Tensors

/// `quant-bench`: timings of the quant toolkit. Subcommands live in their own files
/// (`ICTiming` "ic", `FactorTiming` "factors"; helpers may add more, e.g. `RiskTiming`).
@main
struct QuantBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quant-bench",
        abstract: "Timings of the quant toolkit (rank IC, factor library, risk metrics).",
        subcommands: [ICTiming.self, FactorTiming.self, RiskTiming.self, CSVTiming.self, TearSheetTiming.self],
        defaultSubcommand: ICTiming.self
    )

    static func main() {
        KernelRepair.reexecIfNeeded() // OpenBLAS kernels for this CPU (Docs/Hardware.md)
        let k = BLAS.kernelReport // every record's host: CPU model and OpenBLAS core, on stderr
        let host = "quant-bench: \(k.cpu.modelName.isEmpty ? k.cpu.vendor : k.cpu.modelName), OpenBLAS core \(k.openBLASCore)\n"
        FileHandle.standardError.write(Data(host.utf8))
        main(nil)
    }
}

/// Median of wall-clock seconds of `body` over `repeats` runs (after one warm-up run), and the
/// median process CPU seconds (all threads) — the CPU figure stays meaningful on a loaded machine.
func medianSeconds(repeats: Int, _ body: () throws -> Void) rethrows -> (median: Double, all: [Double], cpu: Double) {
    try body()
    var times: [Double] = [], cpus: [Double] = []
    for _ in 0..<repeats {
        let c0 = processCPUSeconds()
        let t0 = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        cpus.append(processCPUSeconds() - c0)
    }
    let s = times.sorted(), c = cpus.sorted()
    return (s[s.count / 2], times, c[c.count / 2])
}

/// CPU time consumed by this process so far (user + system, all threads).
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

