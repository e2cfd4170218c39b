import ArgumentParser
import Tensors

@main
struct FactorLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factorlab",
        abstract: "Quantitative research on Linux: factors, IC, OLS, LSTM, backtests.",
        subcommands: [
            DemoCommand.self, RunCommand.self, ScreenCommand.self, SweepCommand.self, MergeCommand.self,
            OLSCommand.self, RiskCommand.self, ICCommand.self, TearsheetCommand.self,
        ]
    )

    static func main() { KernelRepair.reexecIfNeeded(); main(nil) } // OpenBLAS kernels for this CPU (Docs/Hardware.md)
}
