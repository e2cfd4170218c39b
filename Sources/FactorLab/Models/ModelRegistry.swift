import Foundation
import Quant
/// The models a run can use, in display order (tables, charts, report legends).
///
/// ``standard`` holds FactorLab's five models; copy it and ``register(_:)`` your own to extend
/// the pipeline from another package:
///
/// ```swift
/// var catalog = ResearchCatalog.standard
/// try catalog.models.register(MyModelDescriptor())
/// ```
public struct ModelRegistry: Sendable {
    /// The descriptors in display order.
    public private(set) var descriptors: [any ModelDescriptor]

    /// A registry of `descriptors` (names must be unique; a programmer error otherwise).
    public init(_ descriptors: [any ModelDescriptor]) {
        self.descriptors = []
        for d in descriptors {
            do { try register(d) } catch { preconditionFailure("ModelRegistry: \(error)") }
        }
    }

    /// FactorLab's models: `lstm` (pooled LSTM), `ols` (pooled OLS), `ols_asset` (OLS per asset),
    /// `ols_ridge` (pooled ridge) and `lstm_asset` (one LSTM per asset).
    public static let standard = ModelRegistry([
        PooledLSTMDescriptor(), PooledOLSDescriptor(), PerAssetOLSDescriptor(), RidgeOLSDescriptor(), PerAssetLSTMDescriptor(),
    ])

    /// The models run when none are named: every standard model.
    public static let defaultModels = ["lstm", "lstm_asset", "ols", "ols_ridge", "ols_asset"]

    /// Adds a model after the existing ones. Throws ``ModelError/registration(name:reason:)`` for
    /// a name that is taken, malformed, or reserved for a baseline (`random`, `universe`).
    public mutating func register(_ descriptor: any ModelDescriptor) throws {
        let name = descriptor.name
        guard !name.isEmpty, name.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }) else {
            throw ModelError.registration(name: name, reason: "names use lowercase letters, digits and '_'")
        }
        guard !BaselineStrategy.names.contains(name) else {
            throw ModelError.registration(name: name, reason: "'\(name)' is a baseline strategy")
        }
        guard self[name] == nil else { throw ModelError.registration(name: name, reason: "a model of that name is registered") }
        descriptors.append(descriptor)
    }

    /// The registered names in display order.
    public var names: [String] { descriptors.map(\.name) }

    /// The descriptor called `name`, or nil.
    public subscript(name: String) -> (any ModelDescriptor)? { descriptors.first { $0.name == name } }

    /// The descriptor called `name`; throws ``ModelError/unknownModel(_:known:)`` when none is.
    public func descriptor(_ name: String) throws -> any ModelDescriptor {
        guard let d = self[name] else { throw ModelError.unknownModel(name, known: names) }
        return d
    }

    /// Checks a `--models` list: non-empty, every name registered, no repeats.
    public func validate(_ models: [String]) throws {
        guard !models.isEmpty else { throw ModelError.unknownModel("", known: names) }
        var seen = Set<String>()
        for m in models {
            _ = try descriptor(m)
            guard seen.insert(m).inserted else { throw ModelError.registration(name: m, reason: "listed twice") }
        }
    }

    /// Every strategy a report shows, in display order: the registered models, then the baselines.
    public var strategies: [StrategyStyle] {
        descriptors.map { StrategyStyle(key: $0.name, label: $0.label, color: $0.color) } + BaselineStrategy.styles
    }

    /// The strategies `summary.json` lists for `models`, in order: the paper strategies (always),
    /// the baselines, then the other models run, in `models` order.
    public func summaryStrategies(models: [String]) -> [String] {
        let paper = descriptors.filter(\.isPaperStrategy).map(\.name)
        return paper + BaselineStrategy.names + models.filter { !paper.contains($0) }
    }
}

/// How a strategy is shown: its key in outputs, its label and its chart colour.
public struct StrategyStyle: Sendable, Equatable {
    /// Key in `summary.json` and `equity.csv`.
    public var key: String
    /// Label in tables and legends.
    public var label: String
    /// CSS colour.
    public var color: String

    /// Creates a style.
    public init(key: String, label: String, color: String) {
        self.key = key
        self.label = label
        self.color = color
    }
}

/// The strategies every evaluation carries besides the models: seeded random-k portfolios and the
/// equal-weight universe.
public enum BaselineStrategy {
    /// `random` and `universe`, in display order.
    public static let names = ["random", "universe"]
    /// Their styles.
    public static let styles = [
        StrategyStyle(key: "random", label: "random-k (median)", color: "#757575"),
        StrategyStyle(key: "universe", label: "equal-weight universe", color: "#2e7d32"),
    ]
}
