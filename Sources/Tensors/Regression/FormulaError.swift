/// Why a formula or a table could not be turned into a regression. Every case names the
/// problem: the column, the file and line, or the position in the formula.
public enum FormulaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The formula does not parse; `position` is the 0-based character offset of the problem.
    case syntax(formula: String, position: Int, message: String)
    /// A name in the formula (or in `--y`/`--x`/`--weights`) is not a column of the table.
    case unknownColumn(name: String, formula: String?, position: Int?, available: [String])
    /// A function the formula subset does not provide.
    case unknownFunction(name: String, formula: String, position: Int)
    /// A column used as numbers holds a field that is not a number (`line` is the file line, or the 1-based row).
    case nonNumericValue(column: String, source: String, line: Int, text: String)
    /// A value used in the fit is NaN, ±Inf or missing (`line` as above); `column` may be a formula term.
    case nonFiniteValue(column: String, source: String, line: Int, value: Double)
    /// A text column used where numbers are needed (wrap it in `C(…)` for treatment coding).
    case textColumn(name: String)
    /// The response is constant: with a constant in the model R² and F are undefined.
    case constantResponse(name: String)
    /// The design is rank deficient; `aliased` are the columns that are linear combinations of the others.
    case singularDesign(aliased: [String])
    /// A categorical factor's reference level is not one of its levels.
    case unknownLevel(factor: String, level: String, levels: [String])
    /// Something else about the request is invalid (message says what).
    case invalid(String)

    public var description: String {
        switch self {
        case let .syntax(formula, position, message):
            return "formula syntax error: \(message)\n    \(formula)\n    \(String(repeating: " ", count: max(0, position)))^"
        case let .unknownColumn(name, formula, position, available):
            var text = "unknown column '\(name)' (columns: \(available.joined(separator: ", ")))"
            if let formula, let position {
                text += "\n    \(formula)\n    \(String(repeating: " ", count: max(0, position)))^"
            }
            return text
        case let .unknownFunction(name, formula, position):
            return "unknown function '\(name)' (supported: I, C, log, exp, sqrt, log10, log2, abs, poly; "
                + "np./numpy. aliases)\n    \(formula)\n    \(String(repeating: " ", count: max(0, position)))^"
        case let .nonNumericValue(column, source, line, text):
            return "\(source):\(line): column '\(column)': '\(text)' is not a number"
        case let .nonFiniteValue(column, source, line, value):
            return "\(source):\(line): '\(column)' has non-finite value \(value.isNaN ? "NaN (missing)" : "\(value)")"
        case let .textColumn(name):
            return "column '\(name)' holds text; use C(\(name)) in a formula for treatment coding"
        case let .constantResponse(name):
            return "response '\(name)' is constant: R² and the F test are undefined with a constant in the model"
        case let .singularDesign(aliased):
            return "singular design: \(aliased.joined(separator: ", ")) \(aliased.count == 1 ? "is" : "are") "
                + "linear combinations of the other columns (drop \(aliased.count == 1 ? "it" : "them"))"
        case let .unknownLevel(factor, level, levels):
            return "\(factor): reference level '\(level)' is not a level (levels: \(levels.joined(separator: ", ")))"
        case let .invalid(message):
            return message
        }
    }
}
