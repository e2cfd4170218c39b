import Foundation
import Quant
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
