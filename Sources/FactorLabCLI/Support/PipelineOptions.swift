import Quant
import ArgumentParser
import FactorLab
import Foundation
import Tensors

/// Options shared by `run`, `demo`, `screen` and `sweep`: every pipeline parameter with its default.
struct PipelineOptions: ParsableArguments {
    @Option(help: "Stocks to select per rebalance.") var topK: Int = 10
    @Option(help: "Target horizon h in days (mean log return over the next h days); also the split gap and holding period.") var horizon: Int = 10
    @Option(help: "Sequence length L in days.") var window: Int = 20
    @Option(help: "LSTM hidden units (default 64; given explicitly, it also pins the tuning grid's hidden sizes).") var hidden: Int?
    @Option(help: "LSTM layers.") var layers: Int = 1
    @Option(help: "Maximum LSTM epochs (early stopping on validation loss).") var epochs: Int = 20
    @Option(help: "Epochs without validation improvement before stopping (0 = off).") var patience: Int = 3
    @Option(help: "Mini-batch size.") var batchSize: Int = 256
    @Option(help: "Adam learning rate (default 0.001; given explicitly, it pins the grid's learning rates).") var learningRate: Double?
    @Option(help: "AdamW decoupled weight decay (default 0; given explicitly, it pins the grid's weight decays).") var weightDecay: Double?
    @Option(help: "Keep every n-th date for LSTM training windows.") var trainStride: Int = 2
    @Option(help: "Dropout between LSTM layers with --layers > 1 (default 0; given explicitly, it pins the grid's dropouts).") var dropout: Double?
    @Option(help: "LSTM seed ensemble: networks per fold, predictions averaged.") var ensemble: Int = 1
    @Option(help: "Hyperparameter search per fold: off, small or full (default small; full ≈ 15× the LSTM training time).") var tune: String?
    @Option(help: "Grid override, e.g. 'hidden=32,64;lr=0.001,0.003;wd=0,0.01;dropout=0,0.2;ridge=0,0.1,1,10' (keys not given keep the preset's).") var grid: String?
    @Option(help: "Inner CV splits carved from each fold's training period (plus the fold's validation split; default: the preset's).") var cvSplits: Int?
    @Option(help: "ols_ridge penalty per sample when not tuned (lambda = ridge * n).") var ridge: Double = 1
    @Option(help: "Seed for initialisation, shuffling and random portfolios.") var seed: UInt64 = 42
    @Option(help: "BLAS threads (0 = library default).") var threads: Int = 0
    @Option(help: "Comma-separated models: lstm, lstm_asset, ols, ols_ridge, ols_asset.") var models: String = "lstm,lstm_asset,ols,ols_ridge,ols_asset"
    @Option(help: "Initial training days per fold.") var trainDays: Int = 504
    @Option(help: "Validation days per fold.") var validationDays: Int = 126
    @Option(help: "Test days per fold (also the step between folds).") var testDays: Int = 126
    @Flag(help: "Rolling instead of expanding training window.") var rolling = false
    @Option(help: "Transaction cost in basis points per unit of turnover.") var costBps: Double = 10
    @Option(help: "Number of seeded random-k portfolios.") var randomPortfolios: Int = 100
    @Option(help: "Annualised volatility target overlay, e.g. 0.15 (off by default).") var volTarget: Double?
    @Option(help: "Drawdown brake, e.g. -0.1: halve exposure beyond this drawdown (off by default).") var drawdownBrake: Double?
    @Option(help: "Factor screening significance level.") var screenAlpha: Double = 0.05
    @Option(help: "Share of assets for which a factor must be significant (paper: 190/212).") var screenShare: Double = 190.0 / 212.0
    @Option(help: "Maximum number of selected factors.") var maxFactors: Int = 10
    @Option(help: "Run only share i of N of the folds / sweep points, e.g. 2/4.") var fold: String?
    @Flag(help: "No progress output.") var quiet = false

    func validate() throws {
        for (name, v) in [("top-k", topK), ("horizon", horizon), ("window", window), ("hidden", hidden ?? 64), ("layers", layers),
                          ("epochs", epochs), ("batch-size", batchSize), ("train-stride", trainStride), ("train-days", trainDays),
                          ("validation-days", validationDays), ("test-days", testDays), ("max-factors", maxFactors)] where v < 1 {
            throw ValidationError("--\(name) must be at least 1 (got \(v))")
        }
        if threads < 0 { throw ValidationError("--threads must be ≥ 0") }
        if let lr = learningRate, !(lr > 0 && lr.isFinite) { throw ValidationError("--learning-rate must be positive") }
        if let wd = weightDecay, !(wd >= 0 && wd.isFinite) { throw ValidationError("--weight-decay must be finite and ≥ 0") }
        if let f = fold, FoldShare(parsing: f) == nil { throw ValidationError("--fold must look like i/N with 1 ≤ i ≤ N (got '\(f)')") }
        let known: Set<String> = ["lstm", "lstm_asset", "ols", "ols_ridge", "ols_asset"]
        for m in modelList where !known.contains(m) { throw ValidationError("unknown model '\(m)' (known: lstm, lstm_asset, ols, ols_ridge, ols_asset)") }
        if let d = dropout, !(d >= 0 && d < 1) { throw ValidationError("--dropout must be in [0, 1)") }
        if ensemble < 1 { throw ValidationError("--ensemble must be at least 1 (got \(ensemble))") }
        if !(ridge >= 0 && ridge.isFinite) { throw ValidationError("--ridge must be finite and ≥ 0") }
        if let t = tune, TuningConfig.preset(t) == nil { throw ValidationError("--tune must be off, small or full (got '\(t)')") }
        if let k = cvSplits, k < 0 { throw ValidationError("--cv-splits must be ≥ 0") }
        if let g = grid {
            do { _ = try HyperparameterGrid(parsing: g, base: .full) } catch { throw ValidationError("\(error)") }
        }
        if let v = volTarget, !(v > 0) { throw ValidationError("--vol-target must be positive") }
        if let d = drawdownBrake, !(d < 0 && d > -1) { throw ValidationError("--drawdown-brake must be in (-1, 0)") }
    }

    var modelList: [String] { models.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    /// The pipeline configuration these options describe; `defaultTune` is the tuning preset when
    /// `--tune` is not given. Hyperparameters given explicitly pin their axis of the grid (a user
    /// who asks for `--hidden 128` gets 128, whatever the preset would search); `--grid` wins over both.
    func config(defaultTune: String = "small") -> PipelineConfig {
        var c = PipelineConfig()
        c.window = window
        c.setHorizon(horizon)
        c.split.trainDays = trainDays
        c.split.validationDays = validationDays
        c.split.testDays = testDays
        c.split.mode = rolling ? .rolling : .expanding
        c.screen.alpha = screenAlpha
        c.screen.minShare = screenShare
        c.screen.maxFactors = maxFactors
        c.screen.minFactors = min(c.screen.minFactors, maxFactors)
        c.lstm = LSTMConfig(hidden: hidden ?? 64, layers: layers, epochs: epochs, patience: patience, batchSize: batchSize,
                            learningRate: learningRate ?? 1e-3, weightDecay: weightDecay ?? 0, trainStride: trainStride,
                            dropout: dropout ?? 0, ensemble: ensemble)
        c.ridge = ridge
        c.tuning = TuningConfig.preset(tune ?? defaultTune) ?? .small
        if c.tuning.mode == .grid {
            if let hidden { c.tuning.grid.hidden = [hidden] }
            if let learningRate { c.tuning.grid.learningRate = [learningRate] }
            if let weightDecay { c.tuning.grid.weightDecay = [weightDecay] }
            if let dropout { c.tuning.grid.dropout = [dropout] }
            if hidden != nil || learningRate != nil || weightDecay != nil || dropout != nil { c.tuning.preset += "+pinned" }
        }
        if let grid, c.tuning.mode == .grid, let g = try? HyperparameterGrid(parsing: grid, base: c.tuning.grid) {
            c.tuning.grid = g
            c.tuning.preset = "custom"
        }
        if let cvSplits { c.tuning.innerSplits = cvSplits }
        c.models = modelList
        c.backtest.topK = topK
        c.backtest.costBps = costBps
        c.backtest.randomPortfolios = randomPortfolios
        c.backtest.volatilityTarget = volTarget
        c.backtest.drawdownBrake = drawdownBrake
        c.seed = seed
        c.threads = threads
        c.foldShare = fold.flatMap(FoldShare.init(parsing:))
        return c
    }

    /// Applies the thread setting (process-global) and returns the progress reporter.
    func prepare() -> ProgressReporter {
        if threads > 0 { BLAS.threads = threads }
        return ProgressReporter(quiet: quiet)
    }
}

/// Locates the bundled data: `Data/` under the current directory (the package root), or next to
/// the executable's package (`.build/<config>/factorlab` → package root).
enum BundledData {
    static let stocks = "sp500_top100_2013-2018_ohlcv.csv"
    static let index = "sp500_index_2013-2018_ohlcv.csv"

    static func directory() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/Data"]
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(exe.path + "/Data")
            exe = exe.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + stocks) }
    }
}

/// Prints Table I and II to standard output.
func printTables(_ e: Evaluation, models: [String]) {
    print("Table I — test period \(e.days.first ?? "") … \(e.days.last ?? "") (\(e.days.count) days)")
    print("strategy         ann.return  Sharpe  max.DD    VaR95     IC       rankIC   ICIR     rankICIR")
    for p in ReportBuilder.palette where e.strategies[p.key] != nil {
        let s = e.strategies[p.key]!, m = s.performance
        print(p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(format: " %9.2f%%  %6.2f  %7.2f%%  %6.2f%%  %7.4f  %7.4f  %7.3f  %7.3f", m.annualReturn * 100, m.sharpe,
                       m.maxDrawdown * 100, m.var95 * 100, s.ic?.ic ?? .nan, s.ic?.rankIC ?? .nan, s.ic?.icir ?? .nan, s.ic?.rankICIR ?? .nan))
    }
    for m in models where e.strategies[m] == nil { print("\(m): not available (see summary.json)") }
    print("\nTable II — by regime (from \(e.regimeSource))")
    print("regime    strategy         days  avg.daily  max.DD    Sharpe  VaR95")
    for g in MarketRegime.allCases {
        for p in ReportBuilder.palette where e.strategies[p.key] != nil {
            let m = e.strategies[p.key]!.regimes[g]!
            print(g.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + p.key.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: " %4d  %8.3f%%  %7.2f%%  %6.2f  %6.2f%%", m.days, m.averageDailyReturn * 100, m.maxDrawdown * 100, m.sharpe, m.var95 * 100))
        }
    }
}
