import Quant
import Foundation

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

    /// The LSTM candidates on top of `base`: hidden × learning rate × weight decay (× dropout when
    /// `base.lstm.layers` > 1; a one-layer LSTM keeps its configured dropout and the key is omitted).
    public func lstmCandidates(base: PipelineConfig) -> [HyperparameterCandidate] {
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
    }

    /// The ridge candidates: 0 (plain OLS) first, then the grid's non-zero penalties.
    public var ridgeCandidates: [HyperparameterCandidate] {
        ([0] + ridge.filter { $0 != 0 }).map { HyperparameterCandidate(["ridge": $0]) }
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
