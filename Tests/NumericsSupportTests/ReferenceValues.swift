import Foundation
import NumericsSupport
import Testing

/// Resources/numerics_reference.json, written by Scripts/reference/numerics_support_reference.py
/// (scipy.special/scipy.stats values; numpy Newey–West).
enum ReferenceValues {
    static func root() throws -> [String: Any] {
        let url = try #require(Bundle.module.url(forResource: "numerics_reference", withExtension: "json", subdirectory: "Resources"))
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func rows(_ key: String) throws -> [[String: Any]] {
        let rows = try #require(try root()[key] as? [[String: Any]], "reference lacks \(key)")
        try #require(!rows.isEmpty, "reference \(key) is empty")
        return rows
    }

    /// A number from the file ("NaN"/"Infinity"/"-Infinity" strings included); a missing or
    /// malformed entry fails the test instead of reading as NaN.
    static func number(_ row: [String: Any], _ key: String) throws -> Double {
        switch row[key] {
        case let n as NSNumber: return n.doubleValue
        case let s as String: return try #require(JSONNumber.parse(s), "bad number \(s) for \(key)")
        default: throw ReferenceError.missing(key)
        }
    }

    enum ReferenceError: Error { case missing(String) }
}
