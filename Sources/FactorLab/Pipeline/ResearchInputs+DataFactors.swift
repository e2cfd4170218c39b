import Foundation
import Quant

extension ResearchInputs {
    /// The sector codes per (asset, date) (`nil` without a map): what per-sector IC, sector
    /// exposure and sector-neutral preprocessing group by.
    public var sectorCodes: GroupCodes? {
        guard let sectors else { return nil }
        return sectors.codes(panel, level: .sector)
    }

    /// The finest grouping of the map, used by the industry-return factor: industries when the
    /// map has them, else sectors.
    public var industryCodes: GroupCodes? {
        guard let sectors else { return nil }
        return sectors.codes(panel, level: sectors.hasIndustry ? .industry : .sector)
    }

    /// Candidate factors from the fundamentals and the sector map (the price file's own extra
    /// columns are added by ``ResearchDataset``):
    /// - each fundamentals field joined as of its announcement (``FundamentalsTable/asOf(_:)``),
    ///   except the inputs of the price ratios, which are per-share or absolute levels that rank
    ///   stocks by size (`eps`, `eps_ttm`, `bvps`, `book_value_per_share`, `revenue`,
    ///   `receivables`, `tangible_assets`, `net_debt`);
    /// - the daily ratios derived from them (``FundamentalRatios``: `pe`, `pb`,
    ///   `receivables_turnover`, `tangible_assets_to_net_debt`);
    /// - `industry_return`: the day's return of the stock's industry (or sector) without the stock
    ///   itself (``IndustryReturn``), equal-weighted, or weighted by the previous day's market cap
    ///   when the price file has a `market_cap` column.
    public func dataFactors() -> [DataFactor] {
        let panel = self.panel, layout = panel.layout
        var out: [DataFactor] = []
        if let fundamentals {
            let joined = fundamentals.asOf(panel)
            let inputs = Set(FundamentalRatios.epsFields + FundamentalRatios.bookValueFields
                             + ["revenue", "receivables", "tangible_assets", "net_debt"])
            for name in joined.keys.sorted() where !inputs.contains(name) {
                out.append(DataFactor(name: name, source: .fundamentals, values: joined[name]!))
            }
            let ratios = FundamentalRatios.daily(close: panel.fields["close"] ?? layout.filled(.nan), fundamentals: joined)
            for name in ratios.keys.sorted() { out.append(DataFactor(name: name, source: .fundamentals, values: ratios[name]!)) }
        }
        if let groups = industryCodes {
            let r = panel.logReturns().map { $0.isFinite ? Foundation.exp($0) - 1 : .nan }
            var weights: [Double]? = nil
            if let cap = panel.fields["market_cap"] {
                // Yesterday's cap: the weights of a buy-and-hold sector portfolio over day t.
                var w = layout.filled(.nan)
                for a in 0..<layout.assetCount {
                    for t in 1..<max(layout.dateCount, 1) { w[layout.index(asset: a, date: t)] = cap[layout.index(asset: a, date: t - 1)] }
                }
                weights = w
            }
            out.append(DataFactor(name: "industry_return", source: .sectors,
                                  values: IndustryReturn.excludingSelf(returns: r, groups: groups, weights: weights)))
        }
        return out
    }
}
