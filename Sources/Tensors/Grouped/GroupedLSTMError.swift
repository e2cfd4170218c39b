/// Why a grouped model or its trainer rejected its input or stopped.
public enum GroupedLSTMError: Error, Equatable, CustomStringConvertible {
    /// A per-group list (`what`: inputs, targets, validation, seeds) has the wrong number of entries.
    case groupCountMismatch(what: String, expected: Int, got: Int)
    /// Group `group`'s input is not `[n, T, inputSize]` with the common `T` (`-1`: any).
    case inputShapeMismatch(group: Int, expected: [Int], got: [Int])
    /// A model cannot join (or be extracted into) the group.
    case modelMismatch(group: Int, reason: String)
    /// Group `group` failed as ``Trainer`` would have for that model alone (bad data,
    /// non-finite loss or gradient at the named epoch and step, …).
    case inGroup(Int, TrainingError)
    /// A configuration value is unusable; the text names it.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .groupCountMismatch(what, expected, got):
            "\(what): expected one entry per group (\(expected)), got \(got)"
        case let .inputShapeMismatch(group, expected, got):
            "group \(group): input shape \(got) does not match \(expected) (-1: any)"
        case let .modelMismatch(group, reason):
            "group \(group): \(reason)"
        case let .inGroup(group, error):
            "group \(group): \(error)"
        case let .invalidConfiguration(text):
            "invalid grouped training configuration: \(text)"
        }
    }
}
