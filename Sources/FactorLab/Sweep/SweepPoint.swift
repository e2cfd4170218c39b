import Quant
import Foundation

/// One point of the over-fitting experiment: a model capacity and training budget.
public struct SweepPoint: Sendable, Equatable, Codable {
    /// Hidden units.
    public var hidden: Int
    /// Epochs trained (no early stopping, so the budget is what varies).
    public var epochs: Int

    /// Creates a point.
    public init(hidden: Int, epochs: Int) {
        self.hidden = hidden
        self.epochs = epochs
    }

    /// Label for tables and charts, e.g. `h16·e8`.
    public var label: String { "h\(hidden)·e\(epochs)" }

    /// The default ladder of "optimisation degree" for `factorlab sweep`: capacity and budget grow together.
    public static let defaults: [SweepPoint] = [
        SweepPoint(hidden: 4, epochs: 1), SweepPoint(hidden: 8, epochs: 2), SweepPoint(hidden: 16, epochs: 4),
        SweepPoint(hidden: 32, epochs: 8), SweepPoint(hidden: 64, epochs: 16), SweepPoint(hidden: 128, epochs: 32),
    ]

    /// The lighter ladder `factorlab demo` uses to stay within its time budget.
    public static let demo: [SweepPoint] = [
        SweepPoint(hidden: 4, epochs: 1), SweepPoint(hidden: 8, epochs: 2), SweepPoint(hidden: 16, epochs: 4),
        SweepPoint(hidden: 32, epochs: 8), SweepPoint(hidden: 64, epochs: 12),
    ]
}
