import Foundation

/// One point of a hyperparameter grid: named values applied on top of a ``PipelineConfig``.
///
/// Keys: `hidden`, `learning_rate`, `weight_decay`, `dropout` (LSTM) and `ridge` (`ols_ridge`).
public struct HyperparameterCandidate: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Parameter name → value (integers such as `hidden` are stored exactly as doubles).
    public var values: [String: Double]

    /// Creates a candidate.
    public init(_ values: [String: Double]) { self.values = values }

    /// Display order of the keys.
    static let order = ["hidden", "learning_rate", "weight_decay", "dropout", "ridge"]

    /// The keys in display order (unknown keys last, sorted).
    public var keys: [String] {
        Self.order.filter { values[$0] != nil } + values.keys.filter { !Self.order.contains($0) }.sorted()
    }

    /// `hidden=32 learning_rate=0.001 …` in display order.
    public var description: String { keys.map { "\($0)=\(Self.format(values[$0]!))" }.joined(separator: " ") }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : "\(x)"
    }

    /// The configuration with these values applied (LSTM values to `config.lstm`, `ridge` to `config.ridge`).
    public func applied(to config: PipelineConfig) -> PipelineConfig {
        var c = config
        if let h = values["hidden"] { c.lstm.hidden = Int(h) }
        if let v = values["learning_rate"] { c.lstm.learningRate = v }
        if let v = values["weight_decay"] { c.lstm.weightDecay = v }
        if let v = values["dropout"] { c.lstm.dropout = v }
        if let v = values["ridge"] { c.ridge = v }
        return c
    }
}

/// The values searched per hyperparameter. The candidates of a model are the Cartesian product of
/// its lists in the order hidden → learning rate → weight decay → dropout (the first list varies
/// slowest), so ties go to the earliest, i.e. the smallest network, learning rate and penalty when
/// the lists are ascending.
public struct HyperparameterGrid: Sendable, Equatable, Codable, CustomStringConvertible {
    /// LSTM hidden units.
    public var hidden: [Int]
    /// Adam learning rates.
    public var learningRate: [Double]
    /// AdamW decoupled weight decays (0 = plain Adam).
    public var weightDecay: [Double]
    /// Dropout between LSTM layers; searched only when `layers` > 1 (a one-layer LSTM has no
    /// inter-layer connection to drop).
    public var dropout: [Double]
    /// Ridge penalties of `ols_ridge` per sample (λ = ridge · n on z-scored factors); 0 (plain OLS)
    /// is always added.
    public var ridge: [Double]

    /// Creates a grid.
    public init(hidden: [Int], learningRate: [Double], weightDecay: [Double], dropout: [Double] = [0], ridge: [Double]) {
        self.hidden = hidden
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.dropout = dropout
        self.ridge = ridge
    }

    /// `--tune full`: hidden {32, 64} × learning rate {1e-3, 3e-3} × AdamW weight decay {0, 0.1}
    /// = 8 LSTM candidates (× dropout {0, 0.2} with `--layers` > 1), and ridge {0, 0.1, 1, 10, 100, 1000}.
    /// (Decoupled decay shrinks weights by lr·wd per step: 0.01 at lr 1e-3 was indistinguishable from 0
    /// on the bundled data, 0.1 is ~10 % over 1,000 steps.)
    public static let full = HyperparameterGrid(hidden: [32, 64], learningRate: [1e-3, 3e-3], weightDecay: [0, 0.1],
                                                dropout: [0, 0.2], ridge: [0, 0.1, 1, 10, 100, 1000])
    /// The default (`--tune small`): hidden {16, 32} (2 LSTM candidates) and the same ridge penalties.
    public static let small = HyperparameterGrid(hidden: [16, 32], learningRate: [1e-3], weightDecay: [0],
                                                 dropout: [0], ridge: [0, 0.1, 1, 10, 100, 1000])

    /// The candidates for `model` on top of `base`, or `nil` when the model has no tuned knob
    /// (`ols`, `ols_asset` and any other model are fitted as configured).
    public func candidates(model: String, base: PipelineConfig) -> [HyperparameterCandidate]? {
        switch model {
        case "lstm":
            let drops = base.lstm.layers > 1 ? dropout : [base.lstm.dropout]
            var out: [HyperparameterCandidate] = []
            for h in hidden {
                for lr in learningRate {
                    for wd in weightDecay {
                        for d in drops {
                            var v: [String: Double] = ["hidden": Double(h), "learning_rate": lr, "weight_decay": wd]
                            if base.lstm.layers > 1 { v["dropout"] = d }
                            out.append(HyperparameterCandidate(v))
                        }
                    }
                }
            }
            return out
        case "ols_ridge":
            return ([0] + ridge.filter { $0 != 0 }).map { HyperparameterCandidate(["ridge": $0]) }
        default:
            return nil
        }
    }

    /// `hidden=32,64;lr=0.001,0.003;wd=0,0.01;dropout=0,0.2;ridge=0,1`, the syntax of ``init(parsing:base:)``.
    public var description: String {
        func list(_ v: [Double]) -> String { v.map(HyperparameterCandidate.format).joined(separator: ",") }
        return "hidden=\(hidden.map(String.init).joined(separator: ","));lr=\(list(learningRate));wd=\(list(weightDecay));dropout=\(list(dropout));ridge=\(list(ridge))"
    }

    /// Parses `key=v1,v2;key=…` (keys `hidden`, `lr`, `wd`, `dropout`, `ridge`); keys not given keep
    /// `base`'s lists. Throws ``TuningError/badGrid(_:)`` naming the offending item.
    public init(parsing text: String, base: HyperparameterGrid) throws {
        self = base
        for item in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let kv = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { throw TuningError.badGrid("'\(item)' is not key=v1,v2,…") }
            let raw = kv[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let values = raw.compactMap { Double($0) }
            guard !raw.isEmpty, values.count == raw.count, values.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw TuningError.badGrid("'\(item)': values must be finite numbers ≥ 0")
            }
            switch kv[0] {
            case "hidden":
                guard values.allSatisfy({ $0 >= 1 && $0 == $0.rounded() }) else { throw TuningError.badGrid("'\(item)': hidden sizes must be integers ≥ 1") }
                hidden = values.map { Int($0) }
            case "lr", "learning_rate":
                guard values.allSatisfy({ $0 > 0 }) else { throw TuningError.badGrid("'\(item)': learning rates must be positive") }
                learningRate = values
            case "wd", "weight_decay": weightDecay = values
            case "dropout":
                guard values.allSatisfy({ $0 < 1 }) else { throw TuningError.badGrid("'\(item)': dropout must be in [0, 1)") }
                dropout = values
            case "ridge": ridge = values
            default: throw TuningError.badGrid("unknown key '\(kv[0])' (known: hidden, lr, wd, dropout, ridge)")
            }
        }
    }
}

/// Whether and how hyperparameters are chosen per fold.
public enum TuningMode: String, Sendable, Codable, CaseIterable {
    /// Models are fitted with the configured hyperparameters.
    case off
    /// Grid search scored by time-series cross-validation on the fold's train + validation dates.
    case grid
}

/// Hyperparameter selection settings (see Docs/Pipeline.md, "Hyperparameters and cross-validation").
public struct TuningConfig: Sendable, Equatable, Codable {
    /// Off or grid search.
    public var mode: TuningMode
    /// Name of the grid for outputs (`full`, `small`, `custom`).
    public var preset: String
    /// The grid.
    public var grid: HyperparameterGrid
    /// Inner validation blocks carved from the end of the training period (each as long as the
    /// fold's validation split); the fold's own train/validation split is always scored too.
    public var innerSplits: Int
    /// The `factorlab sweep` point adopted with `--from-sweep` (its hidden size and epochs are fixed,
    /// so the LSTM is not searched), with the directory it came from.
    public var adoptedSweepPoint: SweepPoint?
    /// See ``adoptedSweepPoint``.
    public var adoptedFrom: String?

    /// Creates a configuration (default: the full grid with 2 inner splits).
    public init(mode: TuningMode = .grid, preset: String = "full", grid: HyperparameterGrid = .full, innerSplits: Int = 2) {
        self.mode = mode
        self.preset = preset
        self.grid = grid
        self.innerSplits = innerSplits
    }

    /// Tuning disabled.
    public static let off = TuningConfig(mode: .off, preset: "off")
    /// The thorough search (`--tune full`): the full grid, 2 inner splits + the fold's validation split.
    public static let full = TuningConfig()
    /// The default of `run`, `demo` and ``PipelineConfig``: the small grid, 1 inner split + the
    /// fold's validation split (≈ 4 LSTM trainings per fold instead of 24).
    public static let small = TuningConfig(mode: .grid, preset: "small", grid: .small, innerSplits: 1)

    /// The preset called `name` (`off`, `small`, `full`), or nil.
    public static func preset(_ name: String) -> TuningConfig? {
        switch name {
        case "off": return .off
        case "small": return .small
        case "full": return .full
        default: return nil
        }
    }
}

/// Invalid tuning input.
public enum TuningError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A `--grid` text could not be parsed.
    case badGrid(String)
    /// Every candidate failed on some split.
    case noCandidate(model: String, reason: String)
    /// A sweep directory to adopt has no usable best point.
    case noSweepPoint(path: String, reason: String)

    public var description: String {
        switch self {
        case let .badGrid(r): return "--grid: \(r)"
        case let .noCandidate(m, r): return "\(m): no hyperparameter candidate could be fitted on every CV split (\(r))"
        case let .noSweepPoint(p, r): return "\(p): \(r)"
        }
    }
}
