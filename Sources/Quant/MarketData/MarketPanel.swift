import Foundation

/// A daily market panel: one value per (asset, date) for each field, `NaN` where missing.
///
/// Storage is asset-major (`values[field][asset * dates.count + date]`) so an asset's time
/// series is contiguous, which is what rolling factors and sequence windows read.
public struct MarketPanel: Sendable, Equatable {
    /// Trading dates, ISO `yyyy-MM-dd`, strictly increasing (the union over all assets).
    public var dates: [String]
    /// Asset identifiers in first-seen order of the file.
    public var tickers: [String]
    /// Numeric fields by name (`open`, `high`, `low`, `close`, `volume` and any extra numeric column).
    public var fields: [String: [Double]]

    /// Creates a panel; every field must hold `tickers.count * dates.count` values.
    public init(dates: [String], tickers: [String], fields: [String: [Double]]) {
        for (name, values) in fields {
            precondition(values.count == dates.count * tickers.count,
                         "field \(name) has \(values.count) values, expected \(tickers.count)×\(dates.count)")
        }
        self.dates = dates
        self.tickers = tickers
        self.fields = fields
    }

    /// Number of dates.
    public var dateCount: Int { dates.count }
    /// Number of assets.
    public var assetCount: Int { tickers.count }

    /// Whether the panel has field `name` with at least one finite value.
    public func has(_ name: String) -> Bool {
        guard let v = fields[name] else { return false }
        return v.contains { $0.isFinite }
    }

    /// The time series of `field` for asset `asset` (empty if the field is absent).
    public func series(_ field: String, asset: Int) -> ArraySlice<Double> {
        guard let v = fields[field] else { return [] }
        return v[(asset * dateCount)..<((asset + 1) * dateCount)]
    }

    /// The value of `field` for `asset` at date index `date` (`NaN` when the field is absent).
    public func value(_ field: String, asset: Int, date: Int) -> Double {
        fields[field]?[layout.index(asset: asset, date: date)] ?? .nan
    }

    /// The value of `field` for `asset` at date index `date` (`NaN` when the field is absent).
    public subscript(field: String, asset asset: Int, date date: Int) -> Double { value(field, asset: asset, date: date) }

    /// The asset-major layout of the panel's fields (and of every per-(asset, date) array derived from it).
    public var layout: PanelLayout { PanelLayout(assetCount: assetCount, dateCount: dateCount) }

    /// The panel restricted to dates `range` (used by the truncation test and by `--fold`).
    public func prefix(throughDate last: String) -> MarketPanel {
        let end = dates.lastIndex { $0 <= last }.map { $0 + 1 } ?? 0
        var out: [String: [Double]] = [:]
        for (name, v) in fields {
            var nv: [Double] = []
            nv.reserveCapacity(end * assetCount)
            for a in 0..<assetCount { nv.append(contentsOf: v[(a * dateCount)..<(a * dateCount + end)]) }
            out[name] = nv
        }
        return MarketPanel(dates: Array(dates[0..<end]), tickers: tickers, fields: out)
    }

    /// Daily log returns of `close`, `NaN` on the first date and wherever either close is missing.
    public func logReturns() -> [Double] {
        let close = fields["close"] ?? []
        var r = [Double](repeating: .nan, count: close.count)
        for a in 0..<assetCount {
            let base = a * dateCount
            for t in 1..<max(dateCount, 1) {
                let p0 = close[base + t - 1], p1 = close[base + t]
                if p0 > 0, p1 > 0 { r[base + t] = Foundation.log(p1 / p0) }
            }
        }
        return r
    }
}
