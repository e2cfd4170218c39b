import Foundation

/// A JSON value that keeps object keys in insertion order, for stable, diffable output.
public indirect enum JSONValue: Sendable, Equatable {
    /// A number, written by ``JSONNumber/format(_:)`` (non-finite values as strings).
    case number(Double)
    /// An integer, written in decimal.
    case integer(Int)
    /// A string, written by ``quote(_:)``.
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array, in order.
    case array([JSONValue])
    /// An object whose keys are written in the given order.
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
