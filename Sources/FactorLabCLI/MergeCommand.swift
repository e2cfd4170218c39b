import ArgumentParser
import FactorLab
import Foundation

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine output directories of `run --fold i/N` (and/or `sweep --fold i/N`) into one evaluated output.")

    @Argument(help: "Directories to merge.") var directories: [String]
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Flag(help: "No progress output.") var quiet = false

    func run() throws {
        guard !directories.isEmpty else { throw ValidationError("give at least one directory") }
        let progress = ProgressReporter(quiet: quiet)
        let e = try ResearchRun.merge(directories: directories, outDir: out, progress: progress)
        if let e { printTables(e, models: Array(e.strategies.keys.sorted())) }
        print("merged into \(out)/")
    }
}
