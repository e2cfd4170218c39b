import Foundation
import Quant

/// `benchmark.md` / `benchmark.json`: one row per model in the format of qlib's benchmark tables
/// (examples/benchmarks/README.md), each cell `mean±std` over the run's seed replicates
/// (`--seeds`; sample std, ddof 1; one seed prints the value alone and std NaN).
///
/// Columns: IC and Rank IC — mean over test dates of the daily cross-sectional Pearson / Spearman
/// correlation of the prediction with the realised forward target (``PredictionIC``); ICIR and
/// Rank ICIR — mean / std (ddof 1) of those daily series; Annualized Return, Information Ratio and
/// Max Drawdown — of the top-k strategy's net daily returns in excess of the equal-weight universe
/// (``ExcessReturnMetrics``: 252·mean, mean/std·√252, drawdown of the summed excess), as qlib
/// reports them for excess returns over its benchmark index. Docs/Pipeline.md ("Benchmark table")
/// says how to read it beside qlib's published CSI300 numbers.
public struct BenchmarkTable: Sendable {
    /// One model's row.
    public struct Row: Sendable {
        /// Model name (`lstm`, `ols`, …).
        public var model: String
        /// Whether replicate 0 produced an evaluation for it.
        public var available: Bool
        /// The spread of each column, in ``BenchmarkTable/columns`` order.
        public var cells: [SeedSpread]
    }

    /// Column keys (benchmark.json) and headers (benchmark.md), in qlib's order.
    public static let columns: [(key: String, header: String)] = [
        ("ic", "IC"), ("icir", "ICIR"), ("rank_ic", "Rank IC"), ("rank_icir", "Rank ICIR"),
        ("annualized_return", "Annualized Return"), ("information_ratio", "Information Ratio"), ("max_drawdown", "Max Drawdown"),
    ]

    /// The value of column `key` for one strategy's evaluation (NaN where it has none).
    public static func value(_ key: String, _ s: StrategyEvaluation) -> Double {
        switch key {
        case "ic": return s.ic?.ic ?? .nan
        case "icir": return s.ic?.icir ?? .nan
        case "rank_ic": return s.ic?.rankIC ?? .nan
        case "rank_icir": return s.ic?.rankICIR ?? .nan
        case "annualized_return": return s.excess?.annualReturn ?? .nan
        case "information_ratio": return s.excess?.informationRatio ?? .nan
        case "max_drawdown": return s.excess?.maxDrawdown ?? .nan
        default: return .nan
        }
    }

    /// The rows, in the registry's display order of the models run.
    public var rows: [Row]
    /// Seeds per fold and the replicates' base seeds.
    public var seeds: [UInt64]
    /// The configuration (horizon, window, costs, top-k for the notes).
    public var config: PipelineConfig
    /// First and last test day.
    public var period: (first: String, last: String)

    /// The table of `evaluation` (its ``Evaluation/replicates`` when there are several).
    public init(evaluation e: Evaluation, config: PipelineConfig, models registry: ModelRegistry = .standard) {
        let names = registry.names.filter { config.models.contains($0) } + config.models.filter { registry[$0] == nil }
        rows = names.map { name in
            Row(model: name, available: e.strategies[name] != nil,
                cells: Self.columns.map { c in e.spread(name) { Self.value(c.key, $0) } })
        }
        seeds = (0..<e.seedCount).map { config.replicateSeed($0) }
        self.config = config
        period = (e.days.first ?? "", e.days.last ?? "")
    }

    /// `mean±std` with 4 decimals as qlib prints it (`0.0448±0.0032`); the value alone for one seed; `nan` for NaN.
    public static func cell(_ s: SeedSpread) -> String {
        func f(_ x: Double) -> String { x.isNaN ? "nan" : String(format: "%.4f", x) }
        return s.values.count < 2 ? f(s.values.first ?? .nan) : "\(f(s.mean))±\(f(s.std))"
    }

    /// What the columns mean here (both files carry it).
    var definitions: [(String, String)] {
        [("ic", "mean over test dates of the daily cross-sectional Pearson correlation of the prediction with the realised mean log return over the next \(config.horizon) days"),
         ("icir", "mean / std (ddof 1) of the daily IC series (not annualised; overlapping \(config.horizon)-day targets)"),
         ("rank_ic", "as ic with Spearman correlation"), ("rank_icir", "mean / std (ddof 1) of the daily rank IC series"),
         ("annualized_return", "252 × mean daily excess return of the top-\(config.backtest.topK) strategy (net of \(config.backtest.costBps) bp per unit turnover, rebalanced every \(config.backtest.rebalanceEvery) days) over the equal-weight universe; arithmetic, not compounded"),
         ("information_ratio", "annualised mean excess return / annualised tracking error (√252 × std of daily excess returns, ddof 1) against the equal-weight universe"),
         ("max_drawdown", "maximum drawdown of the cumulative sum of daily excess returns (≤ 0)"),
         ("spread", "mean±std over seed replicates; std is the sample standard deviation (ddof 1)")]
    }

    /// `benchmark.json`.
    public var json: JSONValue {
        func spread(_ s: SeedSpread) -> JSONValue {
            .object([("mean", .number(s.mean)), ("std", .number(s.std)), ("values", .array(s.values.map { .number($0) }))])
        }
        return .object([
            ("format", .string("qlib benchmarks table: mean±std over seeds")),
            ("seeds", .integer(seeds.count)), ("seed_values", .array(seeds.map { .string(String($0)) })),
            ("test_period", .array([.string(period.first), .string(period.last)])),
            ("benchmark", .string("equal-weight universe")),
            ("definitions", .object(definitions.map { ($0.0, .string($0.1)) })),
            ("models", .array(rows.map { r -> JSONValue in
                var o: [(String, JSONValue)] = [("model", .string(r.model)), ("available", .bool(r.available))]
                for (c, cell) in zip(Self.columns, r.cells) { o.append((c.key, spread(cell))) }
                return .object(o)
            })),
        ])
    }

    /// `benchmark.md`.
    public var markdown: String {
        var out = "# Benchmark (qlib format)\n\n"
        out += "Test period \(period.first) … \(period.last); \(seeds.count) seed\(seeds.count == 1 ? "" : "s") per fold"
        out += seeds.count > 1 ? " (mean±std over seeds, sample std ddof 1).\n\n" : " (one seed: no spread; run with `--seeds N` for mean±std).\n\n"
        out += "| Model Name | Dataset | " + Self.columns.map(\.header).joined(separator: " | ") + " |\n"
        out += "|---|---|" + String(repeating: "---|", count: Self.columns.count) + "\n"
        let dataset = "FactorLab factors, L=\(config.window), h=\(config.horizon)"
        for r in rows {
            out += "| \(r.model) | \(dataset) | " + r.cells.map(Self.cell).joined(separator: " | ") + " |\n"
        }
        out += "\n" + definitions.map { "- **\($0.0)**: \($0.1)" }.joined(separator: "\n") + "\n"
        return out
    }
}
