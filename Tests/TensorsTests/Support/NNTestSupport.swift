import Foundation
import Testing
@testable import Tensors

/// Resource access and comparisons shared by the NN/Optim/Training/Safetensors tests.
enum NNFixtures {
    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/nn"),
                     "missing test resource Resources/nn/\(name).\(ext)")
    }

    /// A JSON resource as Foundation objects (numbers as `NSNumber`).
    ///
    /// Parsed with `JSONDecoder`, whose number parsing is correctly rounded;
    /// `JSONSerialization` can be off by an ulp, which matters for bit-exact comparisons.
    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name, "json"))
        return try #require(try JSONDecoder().decode(JSONValue.self, from: data).foundation as? [String: Any])
    }

    /// A fresh scratch directory under the system temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("factorlab-nn-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Doubles from a JSON array (numbers or nested arrays, flattened).
func flatDoubles(_ value: Any?) -> [Double] {
    if let number = value as? NSNumber { return [number.doubleValue] }
    if let array = value as? [Any] { return array.flatMap(flatDoubles) }
    return []
}

/// The largest |a − b| / max(1, |b|).
func maxRelativeError<S: BinaryFloatingPoint>(_ a: [S], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "compare: \(a.count) vs \(b.count) values")
    return zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
}

/// A decoded JSON value, convertible to Foundation objects.
private enum JSONValue: Decodable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Numbers first: they are nearly all of the reference data, and failed attempts are slow.
        if let d = try? container.decode(Double.self) {
            self = d.rounded() == d && abs(d) < 0x1p53 && !(d == 0 && d.sign == .minus) ? .integer(Int(d)) : .number(d)
        }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if container.decodeNil() { self = .null }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    var foundation: Any {
        switch self {
        case .null: NSNull()
        case let .bool(b): b
        case let .integer(i): NSNumber(value: i)
        case let .number(d): NSNumber(value: d)
        case let .string(s): s
        case let .array(a): a.map(\.foundation)
        case let .object(o): o.mapValues(\.foundation)
        }
    }
}
