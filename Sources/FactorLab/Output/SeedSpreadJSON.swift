import Foundation
import Quant

/// Aggregates the same JSON structure built once per seed replicate (a strategy's summary.json
/// object) into mean, std and per-seed values, key by key, so every number of the object gets its
/// spread without listing the metrics twice. The first replicate's structure leads; a key another
/// replicate lacks counts as NaN there. Numbers use ``SeedSpread``.
enum SeedSpreadJSON {
    /// Numbers → their mean over replicates; other leaves (flags, day counts, reasons) → replicate 0's.
    static func mean(_ vs: [JSONValue]) -> JSONValue {
        walk(vs, number: { .number(SeedSpread($0).mean) }, other: { $0 }) ?? vs[0]
    }

    /// Numbers → their sample std (ddof 1); non-numeric leaves are left out.
    static func std(_ vs: [JSONValue]) -> JSONValue {
        walk(vs, number: { .number(SeedSpread($0).std) }, other: { _ in nil }) ?? .object([])
    }

    /// Numbers → the array of per-replicate values; non-numeric leaves are left out.
    static func values(_ vs: [JSONValue]) -> JSONValue {
        walk(vs, number: { .array($0.map { .number($0) }) }, other: { _ in nil }) ?? .object([])
    }

    private static func walk(_ vs: [JSONValue], number: ([Double]) -> JSONValue, other: (JSONValue) -> JSONValue?) -> JSONValue? {
        switch vs[0] {
        case .number:
            return number(vs.map { if case .number(let x) = $0 { return x } else { return .nan } })
        case .object(let pairs):
            var out: [(String, JSONValue)] = []
            for (key, _) in pairs {
                let children = vs.map { v -> JSONValue in
                    if case .object(let p) = v, let c = p.first(where: { $0.0 == key }) { return c.1 }
                    return .number(.nan)
                }
                if let c = walk(children, number: number, other: other) { out.append((key, c)) }
            }
            return .object(out)
        default:
            return other(vs[0])
        }
    }
}
