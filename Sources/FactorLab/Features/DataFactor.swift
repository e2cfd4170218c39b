import Foundation
import Quant

/// A candidate factor that comes as data rather than from a formula over OHLCV: an extra numeric
/// column of the price file, a point-in-time fundamental, or the sector's industry return.
public struct DataFactor: Sendable, Equatable {
    /// Where a data factor comes from.
    public enum Source: String, Sendable, Codable {
        /// An extra numeric column of the price file (e.g. `pe`, `turnover`).
        case column
        /// A field of the `--fundamentals` file joined as of its announcement, or a ratio derived from it.
        case fundamentals
        /// Derived from the `--sectors` map (the industry return).
        case sectors
    }

    /// The factor's name (the column or field name).
    public var name: String
    /// Where it comes from.
    public var source: Source
    /// Its values, asset-major in the panel's layout, `NaN` where unknown.
    public var values: [Double]

    /// Creates a data factor.
    public init(name: String, source: Source, values: [Double]) {
        self.name = name
        self.source = source
        self.values = values
    }

    /// Market-data columns that are not factors: prices and volume themselves (price levels rank
    /// stocks by share price) and adjustment columns.
    public static let marketColumns: Set<String> = ["open", "high", "low", "close", "volume", "vwap", "adj_close", "adjclose",
                                                    "adj_open", "adj_high", "adj_low", "factor"]

    /// The price file's extra numeric columns, in name order.
    public static func columns(of panel: MarketPanel) -> [DataFactor] {
        panel.fields.keys.filter { !marketColumns.contains($0.lowercased()) }.sorted()
            .map { DataFactor(name: $0, source: .column, values: panel.fields[$0]!) }
    }

    /// Why this factor cannot help a model, or `nil` when it can: constant (one finite value
    /// everywhere), or finite on fewer than half of the stock-days that have a close (`close`,
    /// asset-major) — a mostly empty column would leave most windows incomplete.
    public func unusableReason(close: [Double]) -> String? {
        var priced = 0, finite = 0
        var first = Double.nan, constant = true
        for (v, c) in zip(values, close) where c.isFinite {
            priced += 1
            guard v.isFinite else { continue }
            finite += 1
            if first.isNaN { first = v } else if v != first { constant = false }
        }
        if finite == 0 { return "no finite value" }
        if constant { return "constant (\(first))" }
        if 2 * finite < priced {
            return String(format: "finite on %.0f%% of the stock-days with a close (at least 50%% needed)", 100 * Double(finite) / Double(max(priced, 1)))
        }
        return nil
    }
}
