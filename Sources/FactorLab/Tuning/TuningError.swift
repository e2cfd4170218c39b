import Foundation
import Quant
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
