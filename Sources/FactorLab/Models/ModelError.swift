import Foundation
import Quant
/// A model could not be registered, trained or used.
public enum ModelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Too few samples to fit.
    case notEnoughSamples(model: String, samples: Int, needed: Int)
    /// The design matrix is singular.
    case singular(model: String)
    /// The loss became NaN or infinite.
    case nonFiniteLoss(model: String, epoch: Int)
    /// The model cannot be used (not fitted, training failed, …).
    case unavailable(model: String, reason: String)
    /// No model of this name is registered.
    case unknownModel(String, known: [String])
    /// A descriptor cannot be registered.
    case registration(name: String, reason: String)

    public var description: String {
        switch self {
        case let .notEnoughSamples(m, s, n): return "\(m): \(s) training samples, need at least \(n)"
        case let .singular(m): return "\(m): singular design matrix"
        case let .nonFiniteLoss(m, e): return "\(m): non-finite loss at epoch \(e)"
        case let .unavailable(m, r): return "\(m): unavailable (\(r))"
        case let .unknownModel(m, known): return "unknown model '\(m)' (known: \(known.joined(separator: ", ")))"
        case let .registration(n, r): return "model '\(n)': \(r)"
        }
    }
}
