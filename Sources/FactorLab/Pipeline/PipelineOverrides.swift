import Quant
import Foundation
import Tensors

/// The values a user set explicitly (`nil` = keep the preset's), as the command line gives them.
///
/// ``PipelineConfig/init(preset:overrides:)`` applies them to a preset and owns the one policy that
/// is more than assignment: hyperparameters set explicitly (`hidden`, `learningRate`,
/// `weightDecay`, `dropout`) pin their axis of the tuning grid, so a user who asks for `--hidden
/// 128` gets 128 whatever the preset would search; a `grid` text wins over both.
public struct PipelineOverrides: Sendable, Equatable {
    /// `--top-k`, `--horizon`, `--window` (``BacktestConfig/topK``, ``PipelineConfig/horizon``, ``PipelineConfig/window``).
    public var topK: Int?, horizon: Int?, window: Int?
    /// `--hidden`, `--layers`, `--epochs`, `--patience`, `--batch-size` (``LSTMConfig``).
    public var hidden: Int?, layers: Int?, epochs: Int?, patience: Int?, batchSize: Int?
    /// `--learning-rate`, `--weight-decay`, `--train-stride`, `--dropout`, `--ensemble` (``LSTMConfig``).
    public var learningRate: Double?, weightDecay: Double?, trainStride: Int?, dropout: Double?, ensemble: Int?
    /// `--tune` (preset name), `--grid` (grid text), `--cv-splits`, `--ridge`.
    public var tune: String?, grid: String?, cvSplits: Int?, ridge: Double?
    /// `--seed`, `--threads`, `--models`.
    public var seed: UInt64?, threads: Int?, models: [String]?
    /// `--train-days`, `--validation-days`, `--test-days`, `--rolling` (``WalkForwardSplitter``).
    public var trainDays: Int?, validationDays: Int?, testDays: Int?, rolling: Bool = false
    /// `--cost-bps`, `--random-portfolios`, `--vol-target`, `--drawdown-brake` (``BacktestConfig``).
    public var costBps: Double?, randomPortfolios: Int?, volTarget: Double?, drawdownBrake: Double?
    /// `--strategy` (`topk`, `topk-dropout`), `--n-drop`, `--hold-days` (``BacktestConfig``).
    public var strategy: String?, nDrop: Int?, holdDays: Int?
    /// `--screen-alpha`, `--screen-share`, `--max-factors` (``FactorScreenConfig``).
    public var screenAlpha: Double?, screenShare: Double?, maxFactors: Int?
    /// `i/N`: run only that share of the folds (or sweep points).
    public var fold: String?
    /// `--feature-set`, `--factors`, `--label`, `--screen` (`paper` or `off`), `--sector-neutral` (``FeatureConfig``).
    public var featureSet: String?, factors: String?, label: String?, screen: String?, sectorNeutral: Bool = false
    /// `--seeds` (``PipelineConfig/seeds``).
    public var seeds: Int?

    /// No overrides.
    public init() {}

    /// The largest thread count accepted (OpenBLAS's own limit on common builds is 256–512).
    public static let maxThreads = 1024
    /// The most seeds (`--seeds`): each one retrains every seed-dependent model in every fold.
    public static let maxSeeds = 1_000
    /// The largest length in days (window, horizon, split lengths): longer than any daily history.
    public static let maxDays = 100_000

    /// Checks every value's range before any work, then that the LSTM's size fits in this machine's
    /// memory (``checkMemory(physicalMemory:)``); throws ``PipelineConfigError/invalid(option:reason:)``
    /// naming the command-line option.
    public func validate(models registry: ModelRegistry = .standard) throws {
        func bad(_ option: String, _ reason: String) -> PipelineConfigError { .invalid(option: option, reason: reason) }
        let counts: [(String, Int?, ClosedRange<Int>)] = [
            ("top-k", topK, 1...100_000), ("horizon", horizon, 1...Self.maxDays), ("window", window, 1...Self.maxDays),
            ("hidden", hidden, 1...65_536), ("layers", layers, 1...64), ("epochs", epochs, 1...1_000_000),
            ("patience", patience, 0...1_000_000), ("batch-size", batchSize, 1...10_000_000),
            ("train-stride", trainStride, 1...Self.maxDays), ("ensemble", ensemble, 1...1_000), ("cv-splits", cvSplits, 0...100),
            ("train-days", trainDays, 1...Self.maxDays), ("validation-days", validationDays, 1...Self.maxDays),
            ("test-days", testDays, 1...Self.maxDays), ("random-portfolios", randomPortfolios, 0...1_000_000),
            ("max-factors", maxFactors, 1...10_000), ("threads", threads, 0...Self.maxThreads),
            ("seeds", seeds, 1...Self.maxSeeds),
        ]
        for (name, value, range) in counts {
            if let v = value, !range.contains(v) {
                throw bad(name, "must be in \(range.lowerBound)…\(range.upperBound) (got \(v))")
            }
        }
        if let lr = learningRate, !(lr > 0 && lr.isFinite) { throw bad("learning-rate", "must be finite and positive (got \(lr))") }
        if let wd = weightDecay, !(wd >= 0 && wd.isFinite) { throw bad("weight-decay", "must be finite and ≥ 0 (got \(wd))") }
        if let d = dropout, !(d >= 0 && d < 1) { throw bad("dropout", "must be in [0, 1) (got \(d))") }
        if let r = ridge, !(r >= 0 && r.isFinite) { throw bad("ridge", "must be finite and ≥ 0 (got \(r))") }
        if let c = costBps, !(c >= 0 && c.isFinite) { throw bad("cost-bps", "must be finite and ≥ 0 (got \(c))") }
        if let v = volTarget, !(v > 0 && v.isFinite) { throw bad("vol-target", "must be finite and positive (got \(v))") }
        if let d = drawdownBrake, !(d < 0 && d > -1) { throw bad("drawdown-brake", "must be in (-1, 0) (got \(d))") }
        if let a = screenAlpha, !(a > 0 && a < 1) { throw bad("screen-alpha", "must be in (0, 1) (got \(a))") }
        if let s = screenShare, !(s >= 0 && s <= 1) { throw bad("screen-share", "must be in [0, 1] (got \(s))") }
        if let t = tune, TuningConfig.preset(t) == nil { throw bad("tune", "must be off, small or full (got '\(t)')") }
        if let f = fold, FoldShare(parsing: f) == nil { throw bad("fold", "must look like i/N with 1 ≤ i ≤ N (got '\(f)')") }
        if let f = featureSet, FeatureSet(rawValue: f) == nil {
            throw bad("feature-set", "must be one of \(FeatureSet.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(f)')")
        }
        if let l = label, LabelNormalization(rawValue: l) == nil {
            throw bad("label", "must be one of \(LabelNormalization.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(l)')")
        }
        if let s = screen, !["paper", "off"].contains(s) { throw bad("screen", "must be paper or off (got '\(s)')") }
        if let f = factors {
            do { _ = try FactorFilter(parsing: f) } catch { throw bad("factors", "needs comma-separated names or globs, optionally prefixed with '!' (got '\(f)')") }
        }
        try validateStrategy()
        if let g = grid {
            do { _ = try HyperparameterGrid(parsing: g, base: .full) }
            catch TuningError.badGrid(let reason) { throw bad("grid", reason) }  // its description repeats "--grid:"
            catch { throw bad("grid", "\(error)") }
        }
        if let models {
            do { try registry.validate(models) } catch { throw bad("models", "\(error)") }
        }
        try checkMemory(models: registry)
    }
}

/// A configuration value the user gave is out of range.
public enum PipelineConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `--option`'s value is not allowed, and why.
    case invalid(option: String, reason: String)

    public var description: String {
        switch self {
        case let .invalid(o, r): return "--\(o) \(r)"
        }
    }
}

/// Starting points for a configuration.
public enum PipelinePreset: String, Sendable, CaseIterable {
    /// `factorlab run`: the library defaults (``PipelineConfig/init()``), tuning `small`.
    case run
    /// `factorlab demo`: a lighter LSTM for a few minutes on 2 cores — hidden 32 and at most 12
    /// epochs unless given — with the small tuning grid; its sweep trains on every 4th date unless
    /// `--train-stride` is given.
    case demo

    /// The sweep's training stride when the user gave none.
    public var sweepTrainStride: Int? { self == .demo ? 4 : nil }
}

extension PipelineConfig {
    /// `preset` with `overrides` applied (see ``PipelineOverrides`` for the pinning rule).
    /// Call ``PipelineOverrides/validate(models:)`` first; invalid values are a programmer error here.
    public init(preset: PipelinePreset, overrides o: PipelineOverrides) {
        self.init()
        let d = PipelineConfig(), dl = d.lstm
        window = o.window ?? d.window
        setHorizon(o.horizon ?? d.horizon)
        split.trainDays = o.trainDays ?? d.split.trainDays
        split.validationDays = o.validationDays ?? d.split.validationDays
        split.testDays = o.testDays ?? d.split.testDays
        split.mode = o.rolling ? .rolling : .expanding
        screen.alpha = o.screenAlpha ?? d.screen.alpha
        screen.minShare = o.screenShare ?? d.screen.minShare
        screen.maxFactors = o.maxFactors ?? d.screen.maxFactors
        screen.minFactors = min(screen.minFactors, screen.maxFactors)
        features.set = o.featureSet.flatMap(FeatureSet.init(rawValue:)) ?? d.features.set
        if let text = o.factors, let filter = try? FactorFilter(parsing: text) { features.filter = filter }
        features.label = o.label.flatMap(LabelNormalization.init(rawValue:)) ?? d.features.label
        features.sectorNeutral = o.sectorNeutral
        screen.keepAll = o.screen.map { $0 == "off" } ?? !features.set.screensByDefault
        let presetHidden = preset == .demo ? 32 : dl.hidden, presetEpochs = preset == .demo ? 12 : dl.epochs
        lstm = LSTMConfig(hidden: o.hidden ?? presetHidden, layers: o.layers ?? dl.layers, epochs: o.epochs ?? presetEpochs,
                          patience: o.patience ?? dl.patience, batchSize: o.batchSize ?? dl.batchSize,
                          learningRate: o.learningRate ?? dl.learningRate, weightDecay: o.weightDecay ?? dl.weightDecay,
                          trainStride: o.trainStride ?? dl.trainStride, dropout: o.dropout ?? dl.dropout,
                          ensemble: o.ensemble ?? dl.ensemble)
        ridge = o.ridge ?? d.ridge
        tuning = o.tune.flatMap(TuningConfig.preset) ?? .small
        if tuning.mode == .grid {
            if let h = o.hidden { tuning.grid.hidden = [h] }
            if let v = o.learningRate { tuning.grid.learningRate = [v] }
            if let v = o.weightDecay { tuning.grid.weightDecay = [v] }
            if let v = o.dropout { tuning.grid.dropout = [v] }
            if o.hidden != nil || o.learningRate != nil || o.weightDecay != nil || o.dropout != nil { tuning.preset += "+pinned" }
            if let text = o.grid, let g = try? HyperparameterGrid(parsing: text, base: tuning.grid) {
                tuning.grid = g
                tuning.preset = "custom"
            }
        }
        if let k = o.cvSplits { tuning.innerSplits = k }
        models = o.models ?? d.models
        backtest.topK = o.topK ?? d.backtest.topK
        backtest.costBps = o.costBps ?? d.backtest.costBps
        backtest.randomPortfolios = o.randomPortfolios ?? d.backtest.randomPortfolios
        backtest.volatilityTarget = o.volTarget
        backtest.drawdownBrake = o.drawdownBrake
        o.applyStrategy(to: &backtest)
        seed = o.seed ?? d.seed
        seeds = o.seeds ?? d.seeds
        threads = o.threads ?? d.threads
        foldShare = o.fold.flatMap(FoldShare.init(parsing:))
    }

    /// Applies ``threads`` to the process (BLAS and FactorLab's parallel loops); 0 leaves the default.
    public func applyThreadSetting() {
        if threads > 0 { BLAS.threads = threads }
    }
}
