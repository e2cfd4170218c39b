import ArgumentParser
import FactorLab
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine output directories of `run --fold i/N` (and/or `sweep --fold i/N`) into one evaluated output.")

    @Argument(help: "Directories to merge.") var directories: [String]
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Flag(help: "Merge the folds present without evaluating when some are missing (default: refuse and name them).") var partial = false
    @Flag(help: "No progress output.") var quiet = false

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("give at least one directory") }
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
    }

    func run() throws {
        let progress = ProgressReporter(quiet: quiet)
        if let e = try ResearchRun.merge(directories: directories, outDir: out, allowPartial: partial, progress: progress) {
            print(ConsoleTables.tables(e, models: e.strategies.keys.sorted()), terminator: "")
        }
        print("merged into \(out)/")
    }
}
