/// JSON text for numbers and small documents, with the project's conventions:
/// finite numbers are written with full round-trip precision (Swift's shortest exact
/// representation), non-finite numbers as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
/// (what Python's and Swift's decoders accept with the matching non-conforming-float option).
public enum JSONNumber {
    /// JSON text for `x`: `0.1`, `1e-05`, `"NaN"`, `"Infinity"`, `"-Infinity"`.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "\"NaN\"" }
        if x == .infinity { return "\"Infinity\"" }
        if x == -.infinity { return "\"-Infinity\"" }
        return "\(x)"
    }

    /// Decodes a value written by ``format(_:)`` (a number or one of the three strings).
    public static func parse(_ text: String) -> Double? {
        switch text {
        case "\"NaN\"", "NaN": return .nan
        case "\"Infinity\"", "Infinity": return .infinity
        case "\"-Infinity\"", "-Infinity": return -.infinity
        default: return Double(text)
        }
    }
}
