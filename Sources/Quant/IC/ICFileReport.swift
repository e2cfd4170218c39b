import Foundation

/// The IC of one factor column of a long-format CSV against forward returns — what `factorlab ic`
/// prints — with the file's values checked before use.
///
/// The forward return at date T over h periods comes from exactly one ``Source``. Rejected with
/// ``ICError/badValue(path:line:column:reason:)``: a ±inf factor value, a price ≤ 0 or ±inf, a
/// per-period return below −100 % or ±inf (NaN and empty fields are missing values).
public struct ICFileReport: Sendable {
    /// Where forward returns come from.
    public enum Source: Sendable, Equatable {
        /// `P(T+h)/P(T) − 1` per asset from this price column.
        case prices(String)
        /// Per-period returns R(t) over (t−1, t] in this column, compounded over T+1…T+h.
        case returns(String)
        /// Forward returns already aligned at T in this column.
        case forwardReturns(String)

        /// The column's name.
        public var column: String {
            switch self { case let .prices(c), let .returns(c), let .forwardReturns(c): return c }
        }
    }

    /// The factor column.
    public var factor: String
    /// Number of assets in the file.
    public var assetCount: Int
    /// The IC summary (mean, std, ICIR, t, p, hit rate, skew, kurtosis, Newey–West t).
    public var summary: ICSummary

    /// Reads `path` and computes the IC of `factor` against `horizon`-period forward returns.
    public init(path: String, factor: String, source: Source, horizon: Int, method: ICMethod, logReturns: Bool) throws {
        guard horizon >= 1 else { throw ICError.invalidParameter("--horizon must be ≥ 1, got \(horizon)") }
        let table = try CSVTable(contentsOf: path)
        try Self.check(table, factor: factor, source: source)
        let panels = try Panel.readLong(table, columns: [factor, source.column])
        let f = panels[factor]!, src = panels[source.column]!
        let kind: Returns.Kind = logReturns ? .log : .simple
        let forward: Panel
        switch source {
        case .prices: forward = Returns.forwardFromPrices(src, horizon: horizon, kind: kind)
        case .returns: forward = Returns.forwardFromReturns(src, horizon: horizon, kind: kind)
        case .forwardReturns: forward = src
        }
        let series = try InformationCoefficient.crossSectional(factor: f, forwardReturns: forward, method: method)
        self.factor = factor
        assetCount = f.assetCount
        summary = ICSummary(series.values, overlap: horizon)
    }

    /// Checks every value of the factor and source columns for what it claims to be.
    static func check(_ table: CSVTable, factor: String, source: Source) throws {
        func scan(_ column: String, _ problem: (Double) -> String?) throws {
            for (row, v) in try table.numericColumn(column).enumerated() {
                if let reason = problem(v) {
                    throw ICError.badValue(path: table.path, line: table.lineNumber(ofRow: row), column: column, reason: reason)
                }
            }
        }
        try scan(factor) { $0.isInfinite ? "factor value \($0) is infinite" : nil }
        switch source {
        case let .prices(c):
            try scan(c) { v in v.isInfinite || v <= 0 ? "price \(v) is not a positive finite number" : nil }
        case let .returns(c):
            try scan(c) { v in v.isInfinite ? "return \(v) is infinite" : (v < -1 ? "return \(v) is below −100 %" : nil) }
        case let .forwardReturns(c):
            try scan(c) { v in v.isInfinite ? "forward return \(v) is infinite" : nil }
        }
    }
}
