import Foundation
import Quant

/// Loads Resources/risk/risk_reference.json (a filtered copy of shared/refdata/quant/quant_reference.json,
/// produced by Scripts/reference/risk_reference_subset.py).
///
/// Parsed with `JSONDecoder`: swift-corelibs `JSONSerialization` rounds some 17-digit numbers
/// by one ulp, which is enough to move the Sharpe ratio of a nearly constant series by 1e-8.
struct RiskReference: @unchecked Sendable {  // immutable after load; Any holds only JSON values
    struct Case {
        let id: String
        let metric: String
        let params: [String: Any]
        let input: String
        let expected: Any
        let anchors: [String: Any]
        let agree: [String]
        let disagree: [String]
    }
    let inputs: [String: [Double]]
    let cases: [Case]

    static let shared: RiskReference = {
        guard let url = Bundle.module.url(forResource: "risk_reference", withExtension: "json", subdirectory: "Resources/risk")
                ?? Bundle.module.url(forResource: "risk_reference", withExtension: "json", subdirectory: "risk"),
              let data = try? Data(contentsOf: url),
              let json = try? JSONDecoder().decode(ReferenceJSON.self, from: data),
              let root = json.any as? [String: Any] else {
            fatalError("risk_reference.json missing from the test bundle")
        }
        let rawInputs = root["inputs"] as! [String: [String: Any]]
        var inputs: [String: [Double]] = [:]
        for (k, v) in rawInputs { inputs[k] = (v["values"] as! [Any]).map { number($0)! } }
        let cases = (root["cases"] as! [[String: Any]]).map { c in
            Case(id: c["id"] as! String, metric: c["metric"] as! String, params: c["params"] as! [String: Any],
                 input: c["input_ref"] as! String, expected: c["expected"]!, anchors: c["anchors"] as! [String: Any],
                 agree: c["agree"] as! [String], disagree: c["disagree"] as! [String])
        }
        return RiskReference(inputs: inputs, cases: cases)
    }()

    /// A JSON scalar as a Double ("NaN", "Infinity", "-Infinity" strings included); nil otherwise.
    static func number(_ v: Any) -> Double? {
        if let s = v as? String {
            switch s {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: return nil
            }
        }
        if v is NSNull { return nil }
        return (v as? NSNumber)?.doubleValue
    }
}

/// A JSON value decoded with full Double precision.
enum ReferenceJSON: Decodable {
    case number(Double), string(String), bool(Bool), null, array([ReferenceJSON]), object([String: ReferenceJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Most common first: every failed `try?` builds an error, which dominates decoding time.
        if let d = try? c.decode(Double.self) { self = .number(d) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([ReferenceJSON].self) { self = .array(a) }
        else if let o = try? c.decode([String: ReferenceJSON].self) { self = .object(o) }
        else if c.decodeNil() { self = .null }
        else { self = .bool(try c.decode(Bool.self)) }
    }

    /// Foundation-style value: NSNumber, String, NSNull, [Any], [String: Any].
    var any: Any {
        switch self {
        case .number(let d): return NSNumber(value: d)
        case .string(let s): return s
        case .bool(let b): return NSNumber(value: b)
        case .null: return NSNull()
        case .array(let a): return a.map(\.any)
        case .object(let o): return o.mapValues(\.any)
        }
    }
}
