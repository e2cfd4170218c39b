import ArgumentParser
import Tensors

@main
struct LSTMBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm-bench",
        abstract: "Times LSTM passes and GEMM kernels (run with -c release).",
        subcommands: [LSTMTiming.self, GEMMTiming.self, GroupedTiming.self, KernelsCommand.self],
        defaultSubcommand: LSTMTiming.self
    )

    static func main() {
        KernelRepair.reexecIfNeeded()
        main(nil)
    }
}
