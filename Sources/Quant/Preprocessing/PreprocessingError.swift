/// Bad input to a preprocessing step.
public enum PreprocessingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// ±inf where the step cannot treat it as missing (interpolation).
    case nonFiniteInput(String)
    /// A parameter outside its domain (k ≤ 0, negative ddof, bad range).
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .nonFiniteInput(s): return "nonFiniteInput: \(s)"
        case let .invalidParameter(s): return "invalidParameter: \(s)"
        }
    }
}
