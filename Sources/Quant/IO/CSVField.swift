import Foundation

/// Writing one CSV field as RFC 4180 requires.
public enum CSVField {
    /// `text` as is when it holds no comma, double quote, CR or LF; otherwise wrapped in double
    /// quotes with each inner quote doubled. ``CSVTable`` reads both forms back to `text`.
    public static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A row of fields, each quoted as needed, joined by commas (no line terminator).
    public static func row(_ fields: [String]) -> String { fields.map(quoted).joined(separator: ",") }
}
