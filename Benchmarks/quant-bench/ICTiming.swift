import ArgumentParser
import Foundation
import Quant

/// Rank IC of one factor over a dates × assets panel (compare with
/// `Scripts/bench/rank_ic_pandas.py`, which times pandas on the same sizes).
struct ICTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ic", abstract: "Cross-sectional rank IC timing.")

    @Option(help: "Dates.") var dates: Int = 2500
    @Option(help: "Assets.") var assets: Int = 3000
    @Option(help: "Share of missing cells.") var missing: Double = 0.05
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Timed repetitions.") var repeats: Int = 5
    @Option(help: "spearman or pearson.") var method: String = "spearman"

    func run() throws {
        guard let m = ICMethod(rawValue: method) else { throw ValidationError("--method spearman|pearson") }
        var rng = SplitMix64(state: 42)
        let n = dates * assets, missing = self.missing  // read the option once, not per cell
        var f = [Double](repeating: 0, count: n), r = f
        for i in 0..<n {
            let a = Double.random(in: -1...1, using: &rng), b = Double.random(in: -1...1, using: &rng)
            f[i] = Double.random(in: 0..<1, using: &rng) < missing ? .nan : a
            r[i] = 0.1 * a + b
        }
        let labels = (0..<dates).map { String(format: "2000-01-01T%06d", $0) }
        let names = (0..<assets).map { "A\($0)" }
        let fp = try Panel(dates: labels, assets: names, rowMajor: f)
        let rp = try Panel(dates: labels, assets: names, rowMajor: r)
        var mean = 0.0
        let t = try medianSeconds(repeats: repeats) {
            let s = try InformationCoefficient.crossSectional(factor: fp, forwardReturns: rp, method: m, threads: threads)
            mean = Statistics.mean(s.values)
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("rank IC \(m.rawValue): \(dates) dates x \(assets) assets, missing \(missing), threads \(threads ?? ProcessInfo.processInfo.activeProcessorCount), load \(load)")
        print(String(format: "median %.4f s over %d runs (all: %@); mean IC %.5f", t.median, repeats,
                     t.all.map { String(format: "%.4f", $0) }.joined(separator: " "), mean))
        print(String(format: "median process CPU time %.4f s per run", t.cpu))
    }
}
