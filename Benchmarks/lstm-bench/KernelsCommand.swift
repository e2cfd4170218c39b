import ArgumentParser
import Tensors

/// Prints ``BLAS/kernelReport`` and runs the numerical GEMM check on the loaded kernels: what
/// the start-up repair decided (Docs/Hardware.md). The re-execution tests run this subcommand.
struct KernelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernels",
        abstract: "Reports the CPU, the OpenBLAS kernels, the start-up repair, and checks the GEMM kernels.")

    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let report = BLAS.kernelReport
        let check = KernelCheck.run()
        if json {
            print("{\"report\": \(report.json), \"check_passed\": \(check.passed), "
                  + "\"check_worst_ratio\": \(check.worstRatio), \"plan_example\": "
                  + "\"\(LSTM<Float>(inputSize: 16, hiddenSize: 128).plan(batch: 256, steps: 60))\"}")
        } else {
            print(report)
            print("GEMM check: \(check.passed ? "passed" : "FAILED") (worst error \(check.worstRatio) × bound, \(check.worstCase))")
        }
    }
}
