import Foundation
import Quant
/// A run cannot proceed with this data and configuration.
public enum PipelineError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Not enough usable dates for one fold: `usable` dates from the first decision date with a
    /// full window of finite factors (0 when no asset ever has one), `needed` for one fold.
    case tooFewDates(dates: Int, usable: Int, needed: Int)
    /// A saved output (summary.json, predictions.csv) is unreadable or inconsistent.
    case badOutput(path: String, reason: String)
    /// Outputs to merge disagree.
    case mergeMismatch(reason: String)

    public var description: String {
        switch self {
        case let .tooFewDates(d, _, n) where d < n:
            // Too short whatever the values: say so rather than blame the prices.
            return "the data have \(d) dates; one walk-forward fold needs about \(n) usable dates after the factors' warm-up "
                + "(--train-days + --validation-days + --test-days, two gaps of --horizon, and --window)"
        case let .tooFewDates(d, 0, n):
            return "the data have \(d) dates but no asset ever has every candidate factor finite over a full window (constant or missing prices?); one walk-forward fold needs about \(n) usable dates"
        case let .tooFewDates(d, u, n):
            return "the data have \(d) dates, \(u) of them usable after the first full feature window; one walk-forward fold needs about \(n)"
        case let .badOutput(p, r): return "\(p): \(r)"
        case let .mergeMismatch(r): return "cannot merge: \(r)"
        }
    }
}
