import Foundation
import Testing
@testable import Quant

/// Loading and comparing the signal reference files in Resources/signals/.
enum SignalsRef {
    static func json(_ name: String) throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources/signals"))
        let data = try Data(contentsOf: url)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The filtered quant_reference.json (see Scripts/reference/make_signals_reference.py), loaded once.
    // Immutable after first (thread-safe, lazy) initialisation; JSONSerialization output is never mutated.
    nonisolated(unsafe) static let reference: [String: Any] = (try? json("quant_reference_signals")) ?? [:]
    nonisolated(unsafe) static let extra: [String: Any] = (try? json("signals_extra")) ?? [:]

    static func cases(_ metric: String) -> [[String: Any]] {
        ((reference["cases"] as? [[String: Any]]) ?? []).filter { $0["metric"] as? String == metric }
    }

    static func input(_ c: [String: Any]) -> [String: Any] {
        ((reference["inputs"] as? [String: Any])?[c["input_ref"] as! String] as? [String: Any]) ?? [:]
    }

    /// A number from JSON: numbers, "NaN"/"Infinity"/"-Infinity" strings, null → NaN.
    static func num(_ a: Any?) -> Double {
        switch a {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return JSONNumber.parse(s) ?? .nan
        default: return .nan
        }
    }

    static func vec(_ a: Any?) -> [Double] { ((a as? [Any]) ?? []).map(num) }
    static func mat(_ a: Any?) -> [[Double]] { ((a as? [Any]) ?? []).map(vec) }

    static func isError(_ expected: Any?) -> Bool { (expected as? [String: Any])?["error"] != nil }
}
