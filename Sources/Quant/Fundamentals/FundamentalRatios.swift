/// Daily valuation and balance-sheet ratios from the point-in-time fields of
/// ``FundamentalsTable/asOf(dates:tickers:)`` and the daily close (Docs/Fundamentals.md).
///
/// Accepted input names (the first one present wins):
/// - trailing-12-month earnings per share: ``epsFields`` (`eps`, `eps_ttm`);
/// - book value per share: ``bookValueFields`` (`bvps`, `book_value_per_share`);
/// - `revenue`, `receivables`, `tangible_assets`, `net_debt`.
///
/// Every ratio is `NaN` where an input is missing, and where its denominator is ≤ 0: a P/E on
/// negative earnings, a P/B on negative book value and a leverage ratio on net cash have no
/// meaningful ordering, so they are missing by convention rather than large negative numbers.
public enum FundamentalRatios {
    /// Output name of price / earnings: `close / eps`, `NaN` when eps ≤ 0.
    public static let pe = "pe"
    /// Output name of price / book: `close / bvps`, `NaN` when bvps ≤ 0.
    public static let pb = "pb"
    /// Output name of receivables turnover: `revenue / receivables`, `NaN` when receivables ≤ 0.
    public static let receivablesTurnover = "receivables_turnover"
    /// Output name of tangible assets to net debt: `tangible_assets / net_debt`, `NaN` when net_debt ≤ 0.
    public static let tangibleAssetsToNetDebt = "tangible_assets_to_net_debt"
    /// Input names accepted for trailing-12-month EPS, in order of preference.
    public static let epsFields = ["eps", "eps_ttm"]
    /// Input names accepted for book value per share, in order of preference.
    public static let bookValueFields = ["bvps", "book_value_per_share"]

    /// The ratios whose inputs are present in `fundamentals` (asset-major, the layout of `close`).
    /// P/E and P/B need `close`; the other two use only the joined fields. Returns a subset of
    /// ``pe``, ``pb``, ``receivablesTurnover``, ``tangibleAssetsToNetDebt``.
    ///
    /// - Precondition: every array has `close.count` values.
    public static func daily(close: [Double], fundamentals: [String: [Double]]) -> [String: [Double]] {
        for (name, v) in fundamentals {
            precondition(v.count == close.count, "FundamentalRatios: field \(name) has \(v.count) values, close \(close.count)")
        }
        func first(_ names: [String]) -> [Double]? { names.lazy.compactMap { fundamentals[$0] }.first }
        var out: [String: [Double]] = [:]
        if let eps = first(epsFields) { out[pe] = ratio(close, eps) }
        if let bvps = first(bookValueFields) { out[pb] = ratio(close, bvps) }
        if let revenue = fundamentals["revenue"], let receivables = fundamentals["receivables"] {
            out[receivablesTurnover] = ratio(revenue, receivables)
        }
        if let tangible = fundamentals["tangible_assets"], let netDebt = fundamentals["net_debt"] {
            out[tangibleAssetsToNetDebt] = ratio(tangible, netDebt)
        }
        return out
    }

    /// `x / y` elementwise, `NaN` where either is not finite or `y` ≤ 0.
    static func ratio(_ x: [Double], _ y: [Double]) -> [Double] {
        zip(x, y).map { a, b in a.isFinite && b.isFinite && b > 0 ? a / b : .nan }
    }
}
