import ArgumentParser
import FactorLab
import Foundation

/// Options shared by `run`, `demo`, `screen` and `sweep`. Every value is optional: what the user
/// leaves out comes from the library's preset (`PipelineConfig(preset:overrides:)`), which also
/// owns the rule that explicit hyperparameters pin their tuning-grid axis.
struct PipelineOptions: ParsableArguments {
    @Option(help: "Stocks to select per rebalance (default 10).") var topK: Int?
    @Option(help: "Target horizon h in days (mean log return over the next h days); also the split gap and holding period (default 10).") var horizon: Int?
    @Option(help: "Sequence length L in days (default 20).") var window: Int?
    @Option(help: "LSTM hidden units (default 64, demo 32; given explicitly, it also pins the tuning grid's hidden sizes).") var hidden: Int?
    @Option(help: "LSTM layers (default 1).") var layers: Int?
    @Option(help: "Maximum LSTM epochs, early stopping on validation loss (default 20, demo 12).") var epochs: Int?
    @Option(help: "Epochs without validation improvement before stopping, 0 = off (default 3).") var patience: Int?
    @Option(help: "Mini-batch size (default 256).") var batchSize: Int?
    @Option(help: "Adam learning rate (default 0.001; given explicitly, it pins the grid's learning rates).") var learningRate: Double?
    @Option(help: "AdamW decoupled weight decay (default 0; given explicitly, it pins the grid's weight decays).") var weightDecay: Double?
    @Option(help: "Keep every n-th date for LSTM training windows (default 2; the demo's sweep uses 4).") var trainStride: Int?
    @Option(help: "Dropout between LSTM layers with --layers > 1 (default 0; given explicitly, it pins the grid's dropouts).") var dropout: Double?
    @Option(help: "LSTM seed ensemble: networks per fold, predictions averaged (default 1).") var ensemble: Int?
    @Option(help: "Hyperparameter search per fold: off, small or full (default small; full ≈ 15× the LSTM training time).") var tune: String?
    @Option(help: "Grid override, e.g. 'hidden=32,64;lr=0.001,0.003;wd=0,0.01;dropout=0,0.2;ridge=0,0.1,1,10' (keys not given keep the preset's).") var grid: String?
    @Option(help: "Inner CV splits carved from each fold's training period (plus the fold's validation split; default: the preset's).") var cvSplits: Int?
    @Option(help: "ols_ridge penalty per sample when not tuned, lambda = ridge * n (default 1).") var ridge: Double?
    @Option(help: "Seed for initialisation, shuffling and random portfolios (default 42).") var seed: UInt64?
    @Option(help: "Train every model this many times per fold, seeds derived from --seed (the first is --seed itself); metrics are reported as mean ± std over seeds (default 1).") var seeds: Int?
    @Option(help: "BLAS threads, 0 = library default (default 0; at most \(PipelineOverrides.maxThreads)).") var threads: Int?
    @Option(help: "Comma-separated models (default: \(ModelRegistry.defaultModels.joined(separator: ","))).") var models: String?
    @Option(help: "Initial training days per fold (default 504).") var trainDays: Int?
    @Option(help: "Validation days per fold (default 126).") var validationDays: Int?
    @Option(help: "Test days per fold, also the step between folds (default 126).") var testDays: Int?
    @Flag(help: "Rolling instead of expanding training window.") var rolling = false
    @Option(help: "Transaction cost in basis points per unit of turnover (default 10).") var costBps: Double?
    @Option(help: "Number of seeded random-k portfolios, 0 = none (default 100).") var randomPortfolios: Int?
    @Option(help: "Annualised volatility target overlay, e.g. 0.15 (off by default).") var volTarget: Double?
    @Option(help: "Drawdown brake, e.g. -0.1: halve exposure beyond this drawdown (off by default).") var drawdownBrake: Double?
    @Option(help: "Selection rule: topk (hold the top-k names) or topk-dropout (qlib's TopkDropout: replace at most --n-drop names per rebalance; default topk).") var strategy: String?
    @Option(help: "topk-dropout: most holdings replaced per rebalance, 1…top-k (default max(1, top-k/5)).") var nDrop: Int?
    @Option(help: "topk-dropout: trading days a name is held before it may be sold (default 1 = no constraint).") var holdDays: Int?
    @Option(help: "Factor screening significance level (default 0.05).") var screenAlpha: Double?
    @Option(help: "Share of assets for which a factor must be significant (default 190/212, the paper's).") var screenShare: Double?
    @Option(help: "Maximum number of selected factors (default 10).") var maxFactors: Int?
    @Option(help: "Candidate factors: paper (the papers' technical factors), alpha158, alpha360 (qlib's) or all (default paper). Extra numeric columns of --data, --fundamentals and --sectors factors are added to any set.") var featureSet: String?
    @Option(help: "Select candidate factors by name or glob, '!' to exclude, e.g. 'ma*_rel,pe,!boll*' (default: all).") var factors: String?
    @Option(help: "Training label: raw (mean log return over the horizon), cs-zscore or cs-rank (normalised across stocks per date; default cs-zscore).") var label: String?
    @Option(help: "Factor screening: paper (the first paper's IC rule) or off (keep every candidate); default paper for --feature-set paper, off otherwise.") var screen: String?
    @Flag(help: "Sector-neutral preprocessing: MAD and z-score within each sector per date (needs --sectors).") var sectorNeutral = false
    @Option(help: "Run only share i of N of the folds / sweep points, e.g. 2/4.") var fold: String?
    @Flag(help: "Take --fold from the scheduler: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (Slurm job array) or JOB_COMPLETION_INDEX with --shard-count (Kubernetes Indexed Job).") var shardFromEnv = false
    @Option(help: "Number of shards for --shard-from-env (required with JOB_COMPLETION_INDEX; checked against Slurm's count).") var shardCount: Int?
    @Flag(help: "No progress output.") var quiet = false

    func validate() throws {
        if shardFromEnv && fold != nil { throw ValidationError("give either --fold or --shard-from-env, not both") }
        if shardCount != nil && !shardFromEnv { throw ValidationError("--shard-count goes with --shard-from-env") }
        do { _ = try share() } catch { throw ValidationError("\(error)") }
        do { try overrides.validate() } catch { throw ValidationError("\(error)") }
    }

    /// The `i/N` share: `--fold`, or the scheduler's task index with `--shard-from-env`.
    func share() throws -> String? {
        guard shardFromEnv else { return fold }
        return try ShardAssignment.fromEnvironment(ProcessInfo.processInfo.environment, declaredCount: shardCount).description
    }

    /// The models named by `--models` (nil when not given).
    var modelList: [String]? {
        models.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }

    /// The options as the library's overrides.
    var overrides: PipelineOverrides {
        var o = PipelineOverrides()
        o.topK = topK; o.horizon = horizon; o.window = window
        o.hidden = hidden; o.layers = layers; o.epochs = epochs; o.patience = patience; o.batchSize = batchSize
        o.learningRate = learningRate; o.weightDecay = weightDecay; o.trainStride = trainStride; o.dropout = dropout; o.ensemble = ensemble
        o.tune = tune; o.grid = grid; o.cvSplits = cvSplits; o.ridge = ridge
        o.seed = seed; o.threads = threads; o.models = modelList
        o.trainDays = trainDays; o.validationDays = validationDays; o.testDays = testDays; o.rolling = rolling
        o.costBps = costBps; o.randomPortfolios = randomPortfolios; o.volTarget = volTarget; o.drawdownBrake = drawdownBrake
        o.screenAlpha = screenAlpha; o.screenShare = screenShare; o.maxFactors = maxFactors; o.fold = (try? share()) ?? fold
        o.featureSet = featureSet; o.factors = factors; o.label = label; o.screen = screen; o.sectorNeutral = sectorNeutral
        o.seeds = seeds
        o.strategy = strategy; o.nDrop = nDrop; o.holdDays = holdDays
        return o
    }

    /// The configuration: `preset` with the options given.
    func config(_ preset: PipelinePreset = .run) -> PipelineConfig { PipelineConfig(preset: preset, overrides: overrides) }

    /// Applies the thread setting (process-global) and returns the progress reporter.
    func prepare(_ config: PipelineConfig) -> ProgressReporter {
        config.applyThreadSetting()
        return ProgressReporter(quiet: quiet)
    }
}

/// Locates the bundled data: `Data/` under the current directory (the package root), or next to
/// the executable's package (`.build/<config>/factorlab` → package root).
enum BundledData {
    static let stocks = "sp500_top100_2013-2018_ohlcv.csv"
    static let index = "sp500_index_2013-2018_ohlcv.csv"
    static let sectors = "sp500_top100_sectors.csv"

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
