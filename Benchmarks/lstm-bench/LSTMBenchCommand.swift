import ArgumentParser

@main
struct LSTMBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm-bench",
        abstract: "Times LSTM passes and GEMM kernels (run with -c release).",
        subcommands: [LSTMTiming.self, GEMMTiming.self, GroupedTiming.self],
        defaultSubcommand: LSTMTiming.self
    )
}
