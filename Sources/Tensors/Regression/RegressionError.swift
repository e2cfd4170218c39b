/// Why a regression could not be fitted. Every case names the offending column, row or routine.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No observations, or no regressors and no intercept.
    case emptyInput
    /// `y` and the design (or weights) disagree in length.
    case mismatchedLengths(what: String, expected: Int, found: Int)
    /// Fewer usable observations than coefficients.
    case tooFewObservations(observations: Int, parameters: Int)
    /// `y` holds NaN or ±Inf at `row` (0-based).
    case nonFiniteResponse(row: Int, value: Double)
    /// Regressor `column` holds NaN or ±Inf at `row` (0-based).
    case nonFiniteRegressor(column: String, row: Int, value: Double)
    /// Regressor `column` is constant while an intercept is also fitted (perfectly aliased).
    case constantRegressor(column: String)
    /// A weight is negative, zero-sum, or not finite.
    case invalidWeight(row: Int, value: Double)
    /// The ridge penalty is negative or not finite.
    case invalidPenalty(Double)
    /// Two regressors share a name.
    case duplicateName(String)
    /// A LAPACK routine reported `info` (negative: an illegal argument; positive: a numerical failure).
    case lapack(routine: String, info: Int)
    /// An option is out of range (e.g. a negative HAC lag count or a window shorter than the parameter count).
    case invalidOption(String)

    public var description: String {
        switch self {
        case .emptyInput: return "empty input: no observations or no regressors"
        case let .mismatchedLengths(what, expected, found):
            return "mismatched lengths: \(what) has \(found) entries, expected \(expected)"
        case let .tooFewObservations(n, p):
            return "too few observations: \(n) usable rows for \(p) coefficients"
        case let .nonFiniteResponse(row, value): return "response has non-finite value \(value) at row \(row)"
        case let .nonFiniteRegressor(column, row, value):
            return "regressor '\(column)' has non-finite value \(value) at row \(row)"
        case let .constantRegressor(column):
            return "regressor '\(column)' is constant and an intercept is fitted (perfectly collinear)"
        case let .invalidWeight(row, value): return "invalid weight \(value) at row \(row) (weights must be finite and ≥ 0)"
        case let .invalidPenalty(value): return "invalid ridge penalty \(value) (must be finite and ≥ 0)"
        case let .duplicateName(name): return "regressor name '\(name)' appears twice"
        case let .lapack(routine, info): return "LAPACK \(routine) failed with info = \(info)"
        case let .invalidOption(message): return "invalid option: \(message)"
        }
    }
}
