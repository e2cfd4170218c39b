import Foundation

/// Bad input to a tear sheet, naming the problem.
public enum TearSheetError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An array's length does not match the layout.
    case sizeMismatch(what: String, count: Int, expected: Int)
    /// A parameter outside its domain (quantiles, horizons, threads).
    case invalidParameter(String)
    /// Fewer assets than quantiles: no date can fill every quantile.
    case tooFewAssets(assets: Int, quantiles: Int)
    /// A group code outside `-1..<groupNames.count`.
    case badGroupCode(asset: Int, date: String, code: Int, groups: Int)
    /// ±inf among daily returns.
    case nonFiniteReturns(asset: Int, date: String)
    /// No (asset, date) row has a factor value, every forward return and a quantile.
    case noUsableRows(String)

    public var description: String {
        switch self {
        case let .sizeMismatch(w, c, e): return "sizeMismatch: \(w) has \(c) values, expected \(e) (assets × dates)"
        case let .invalidParameter(s): return "invalidParameter: \(s)"
        case let .tooFewAssets(a, q): return "tooFewAssets: \(a) assets cannot fill \(q) quantiles (need at least \(q))"
        case let .badGroupCode(a, d, c, g): return "badGroupCode: asset \(a) on \(d) has group code \(c); codes must be -1 (none) or 0…\(g - 1)"
        case let .nonFiniteReturns(a, d): return "nonFiniteReturns: ±inf daily return for asset \(a) on \(d)"
        case let .noUsableRows(s): return "noUsableRows: \(s)"
        }
    }
}
