import Foundation

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

/// A JSON value that keeps object keys in insertion order, for stable, diffable output.
public indirect enum JSONValue: Sendable, Equatable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Equal when the compact rendered JSON text is equal, so object key order matters and numbers
    /// compare by their rendering (tuples in `.object` rule out synthesised equality).
    public static func == (l: JSONValue, r: JSONValue) -> Bool { l.render() == r.render() }

    /// JSON text; `indent` > 0 pretty-prints with that many spaces per level.
    public func render(indent: Int = 0) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int) {
        let nl = indent > 0 ? "\n" : ""
        let pad = { (l: Int) in String(repeating: " ", count: indent * l) }
        switch self {
        case let .number(x): out += JSONNumber.format(x)
        case let .integer(i): out += String(i)
        case let .string(s): out += JSONValue.quote(s)
        case let .bool(b): out += b ? "true" : "false"
        case .null: out += "null"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < items.count ? "," : "") + nl
            }
            out += pad(level) + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, v)) in pairs.enumerated() {
                out += pad(level + 1) + JSONValue.quote(k) + (indent > 0 ? ": " : ":")
                v.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < pairs.count ? "," : "") + nl
            }
            out += pad(level) + "}"
        }
    }

    /// A JSON string literal for `s` (RFC 8259 escaping).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// Writes the rendered document to `path` atomically (temporary file, then rename).
    public func write(toFile path: String, indent: Int = 2) throws {
        try (render(indent: indent) + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
