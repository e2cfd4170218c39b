import Quant
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
