import Foundation
import Quant

/// Candidate factors computed from a market panel.
///
/// Every factor must be causal: its value at date t uses data of dates ≤ t only (rolling
/// windows looking back), which is what makes the pipeline's no-look-ahead guarantee hold.
public struct FactorSet: Sendable {
    /// The factor values (raw, before preprocessing).
    public var panel: FeaturePanel
    /// Factors skipped because the data lack fields they need: factor → missing fields.
    public var skipped: [String: [String]]
    /// Where the factors came from (for the report).
    public var origin: String
}

/// Adapter to Quant's factor library (`FactorRegistry.standard`, Docs/Factors.md).
///
/// Candidates are the registry's factors that are comparable across stocks: price-level
/// indicators (MA, BBI, BOLL, ENV, CDP, …) enter through their `_rel` variants (value / close − 1,
/// or / close for spreads), since a raw price level ranks stocks by their share price. The
/// market-return factor is included when an index series is given.
public enum FactorSource {
    /// Computes every candidate factor the panel's fields allow. Throws `FactorError` when a
    /// registered factor breaks its contract (e.g. returns the wrong number of values).
    public static func compute(_ panel: MarketPanel, indexClose: [Double]? = nil,
                               registry: FactorRegistry = .standard) throws -> FactorSet {
        let data = try MarketData(panel: panel, indexClose: indexClose)
        let candidates = registry.definitions.filter { !$0.priceLevel }
        let (available, unavailable) = registry.availability(for: data)
        let names = candidates.map(\.name).filter { available.contains($0) }
        var skipped: [String: [String]] = [:]
        for u in unavailable where candidates.contains(where: { $0.name == u.name }) && u.missing != [.indexClose] {
            skipped[u.name] = u.missing.map(\.rawValue)
        }
        let computed = try registry.compute(data, names: names, threads: nil)
        let series = names.map { computed[$0]!.values }
        let origin = registry.isStandard ? "Quant FactorRegistry.standard" : "Quant FactorRegistry (custom)"
        return FactorSet(panel: FeaturePanel(factorNames: names, assetCount: panel.assetCount, dateCount: panel.dateCount, series: series),
                         skipped: skipped, origin: "\(origin) (\(names.count) cross-stock-comparable factors)")
    }
}
