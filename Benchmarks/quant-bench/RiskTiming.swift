import ArgumentParser
import Foundation
import Quant

/// Risk summary of one long return series (compare with `Scripts/bench/risk_numpy_bench.py`, which
/// times the empyrical-style numpy computation of the same metrics on the same sizes).
struct RiskTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk", abstract: "Risk summary timing (10M points by default).")

    @Option(help: "Series length.") var points: Int = 10_000_000
    @Option(help: "Share of missing (NaN) periods.") var missing: Double = 0.0
    @Option(help: "Timed repetitions.") var repeats: Int = 5
    @Option(help: "Also time the standalone metrics (numpy-style separate passes).") var standalone: Bool = true

    func run() throws {
        var rng = SplitMix64(state: 7)
        var r = [Double](repeating: 0, count: points)
        for i in 0..<points {
            // Box–Muller normal(0.0003, 0.01)
            let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
            r[i] = 0.0003 + 0.01 * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
            if missing > 0 && Double.random(in: 0..<1, using: &rng) < missing { r[i] = .nan }
        }
        var s: RiskSummary?
        let t = try medianSeconds(repeats: repeats) { s = try RiskMetrics.summary(r, varNaNPolicy: .omit) }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("risk summary: \(points) points, missing \(missing), 1 thread, load \(load)")
        print(String(format: "summary    median %.4f s over %d runs (all: %@)", t.median, repeats,
                     t.all.map { String(format: "%.4f", $0) }.joined(separator: " ")))
        if let s {
            print(String(format: "  sharpe %.6f sortino %.6f mdd %.6f var %.6f cvar %.6f cagr %.6f", s.sharpeRatio,
                         s.sortinoRatio, s.maxDrawdown, s.valueAtRisk, s.conditionalValueAtRisk, s.annualReturn))
        }
        guard standalone else { return }
        let u = try medianSeconds(repeats: repeats) {
            _ = try RiskMetrics.annualReturn(r); _ = try RiskMetrics.annualVolatility(r)
            _ = try RiskMetrics.sharpeRatio(r); _ = try RiskMetrics.sortinoRatio(r)
            _ = try RiskMetrics.calmarRatio(r); _ = try RiskMetrics.maxDrawdown(r)
            _ = try RiskMetrics.valueAtRisk(r, nanPolicy: .omit); _ = try RiskMetrics.conditionalValueAtRisk(r)
        }
        print(String(format: "standalone median %.4f s over %d runs (8 metric calls, each with its own passes and sort)", u.median, repeats))
    }
}
