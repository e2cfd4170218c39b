/// Which share of the walk-forward folds (or sweep points) a process runs: `index` of `count`, from 1.
public struct FoldShare: Sendable, Equatable, Codable, CustomStringConvertible {
    /// This share, 1…count.
    public var index: Int
    /// Number of shares.
    public var count: Int

    /// Creates a share; `1 ≤ index ≤ count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (1...count).contains(index), "fold share \(index)/\(count) is out of range")
        self.index = index
        self.count = count
    }

    /// Parses `"i/N"`; `nil` if malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    /// Whether item `k` (0-based) belongs to this share (round-robin, so shares are balanced).
    public func contains(_ k: Int) -> Bool { k % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// Every parameter of a research run, each with a default (see Docs/Pipeline.md).
public struct PipelineConfig: Sendable, Equatable, Codable {
    /// Sequence length L in days (default 20).
    public var window: Int = 20
    /// Target horizon h: the target is the mean log return over the next h days (default 10).
    public var horizon: Int = 10
    /// Walk-forward splits; its gap is kept equal to `horizon`.
    public var split = WalkForwardSplitter(gap: 10)
    /// Factor screening rule.
    public var screen = FactorScreenConfig()
    /// LSTM hyperparameters.
    public var lstm = LSTMConfig()
    /// Models to run, from `lstm` (pooled), `lstm_asset` (one network per asset, trained together),
    /// `ols` (pooled), `ols_ridge` (pooled ridge), `ols_asset` (per asset).
    public var models: [String] = ["lstm", "lstm_asset", "ols", "ols_ridge", "ols_asset"]
    /// Ridge penalty per sample of `ols_ridge` when it is not tuned (λ = ridge · n; default 1).
    public var ridge: Double = 1
    /// Hyperparameter selection on validation folds (default: the small grid; see Docs/Pipeline.md).
    public var tuning = TuningConfig.small
    /// Portfolio construction and costs.
    public var backtest = BacktestConfig()
    /// Regime labelling rule.
    public var regimes = RegimeLabeler()
    /// Seed for weight initialisation, shuffling and random portfolios (default 42).
    public var seed: UInt64 = 42
    /// BLAS threads (0 = leave the library default).
    public var threads: Int = 0
    /// Run only this share of the folds (`nil` = all).
    public var foldShare: FoldShare? = nil

    /// The defaults.
    public init() {}

    /// Sets the horizon and keeps the split gap and rebalance period equal to it.
    public mutating func setHorizon(_ h: Int) {
        horizon = h
        split.gap = h
        backtest.rebalanceEvery = h
    }
}
