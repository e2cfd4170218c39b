import Foundation

/// Where a tear sheet's forward returns come from.
public enum TearSheetPrices: Sendable {
    /// Closing prices; the h-day forward return at t is `close[t+h]/close[t] − 1` (NaN when
    /// either price is missing or not positive — no forward fill, see Docs/TearSheet.md).
    case closes([Double])
    /// Simple 1-day returns `r[t] = close[t]/close[t−1] − 1`; the h-day forward return at t is
    /// `∏_{k=1..h}(1 + r[t+k]) − 1` (NaN when any of them is missing).
    case dailyReturns([Double])

    var values: [Double] {
        switch self {
        case let .closes(v), let .dailyReturns(v): return v
        }
    }
}

/// The input of a factor tear sheet: a factor panel and prices (or returns) in one asset-major
/// ``PanelLayout``, the dates, and optional groups (sectors).
public struct TearSheetInput: Sendable {
    /// The layout shared by `factor`, `prices` and `groups`.
    public var layout: PanelLayout
    /// Factor value per (asset, date) in `layout`; NaN or ±inf = no value (the row is left out, as alphalens does).
    public var factor: [Double]
    /// Closing prices or daily returns per (asset, date) in `layout`.
    public var prices: TearSheetPrices
    /// ISO `yyyy-MM-dd` dates, one per date of `layout`, increasing.
    public var dates: [String]
    /// Group code per (asset, date) in `layout` (`-1` = no group), or nil for no groups.
    public var groups: [Int]?
    /// Display name of each group code `0..<groupNames.count`.
    public var groupNames: [String]

    /// Creates an input; ``FactorTearSheet/compute(_:options:)`` validates it.
    public init(layout: PanelLayout, factor: [Double], prices: TearSheetPrices, dates: [String],
                groups: [Int]? = nil, groupNames: [String] = []) {
        self.layout = layout
        self.factor = factor
        self.prices = prices
        self.dates = dates
        self.groups = groups
        self.groupNames = groupNames
    }
}

extension TearSheetInput {
    /// Checks sizes, codes and parameters; throws ``TearSheetError``.
    func validate(_ o: TearSheetOptions) throws {
        let n = layout.count
        guard o.quantiles >= 2, o.quantiles <= 1000 else {
            throw TearSheetError.invalidParameter("quantiles must be in 2…1000 (got \(o.quantiles))")
        }
        guard !o.horizons.isEmpty else { throw TearSheetError.invalidParameter("at least one horizon is needed") }
        guard Set(o.horizons).count == o.horizons.count else {
            throw TearSheetError.invalidParameter("horizons \(o.horizons) repeat a value")
        }
        for h in o.horizons where h < 1 || h >= max(layout.dateCount, 2) {
            throw TearSheetError.invalidParameter("horizon \(h) must be in 1…\(max(1, layout.dateCount - 1)) (\(layout.dateCount) dates)")
        }
        if let t = o.threads, t < 1 { throw TearSheetError.invalidParameter("threads must be ≥ 1 (got \(t))") }
        guard dates.count == layout.dateCount else {
            throw TearSheetError.sizeMismatch(what: "dates", count: dates.count, expected: layout.dateCount)
        }
        for (i, d) in dates.enumerated() {
            let u = Array(d.utf8)
            guard u.count >= 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), Int(d.prefix(4)) != nil,
                  let m = Int(d.dropFirst(5).prefix(2)), (1...12).contains(m) else {
                throw TearSheetError.invalidParameter("date \(i) '\(d)' is not ISO yyyy-MM-dd")
            }
            if i > 0, dates[i - 1] >= d {
                throw TearSheetError.invalidParameter("dates must increase: '\(dates[i - 1])' then '\(d)'")
            }
        }
        guard factor.count == n else { throw TearSheetError.sizeMismatch(what: "factor", count: factor.count, expected: n) }
        guard prices.values.count == n else {
            throw TearSheetError.sizeMismatch(what: "prices", count: prices.values.count, expected: n)
        }
        guard layout.assetCount >= o.quantiles else {
            throw TearSheetError.tooFewAssets(assets: layout.assetCount, quantiles: o.quantiles)
        }
        if case let .dailyReturns(r) = prices, let i = r.firstIndex(where: { $0.isInfinite }) {
            let p = layout.position(i)
            throw TearSheetError.nonFiniteReturns(asset: p.asset, date: dates[p.date])
        }
        if let g = groups {
            guard g.count == n else { throw TearSheetError.sizeMismatch(what: "groups", count: g.count, expected: n) }
            if let i = g.firstIndex(where: { $0 < -1 || $0 >= groupNames.count }) {
                let p = layout.position(i)
                throw TearSheetError.badGroupCode(asset: p.asset, date: dates[p.date], code: g[i], groups: groupNames.count)
            }
        }
    }
}
