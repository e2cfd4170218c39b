/// A problem with the input of a risk, portfolio, backtest or regime computation.
///
/// Missing data is not an error: NaN marks a missing observation and metrics
/// return NaN where that is the documented convention (see Docs/Metrics.md).
public enum RiskError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A series contains +inf or -inf (`what` names the series, `index` the first offending position).
    case nonFiniteInput(what: String, index: Int)
    /// A parameter is outside its domain (`name` and the reason).
    case invalidParameter(name: String, reason: String)
    /// Two series or matrices that must be aligned have different lengths.
    case lengthMismatch(what: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .nonFiniteInput(what, index):
            return "nonFiniteInput: \(what) contains ±inf at index \(index)"
        case let .invalidParameter(name, reason):
            return "invalidParameter: \(name) \(reason)"
        case let .lengthMismatch(what, expected, found):
            return "lengthMismatch: \(what) has length \(found), expected \(expected)"
        }
    }
}

@inline(__always)
func checkFinite(_ values: [Double], _ what: String) throws(RiskError) {
    for i in values.indices where values[i].isInfinite {
        throw .nonFiniteInput(what: what, index: i)
    }
}

@inline(__always)
func checkAnnualization(_ periodsPerYear: Double) throws(RiskError) {
    guard periodsPerYear.isFinite, periodsPerYear > 0 else {
        throw .invalidParameter(name: "periodsPerYear", reason: "must be finite and > 0 (got \(periodsPerYear))")
    }
}

@inline(__always)
func checkTail(_ p: Double) throws(RiskError) {
    guard p >= 0, p <= 1 else {
        throw .invalidParameter(name: "tailProbability", reason: "must be in [0, 1] (got \(p))")
    }
}
