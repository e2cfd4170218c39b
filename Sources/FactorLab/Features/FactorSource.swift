import Foundation
import Quant

/// Candidate factors computed from a market panel and the user's data.
///
/// Every factor must be causal: its value at date t uses data of dates ≤ t only (rolling
/// windows looking back; fundamentals as of their announcement), which is what makes the
/// pipeline's no-look-ahead guarantee hold.
public struct FactorSet: Sendable {
    /// The factor values (raw, before preprocessing).
    public var panel: FeaturePanel
    /// Where each factor of ``panel`` comes from, in its column order: `paper`, `alpha158`,
    /// `alpha360` (a registry of ``FeatureSet``), or a ``DataFactor/Source`` (`column`, `fundamentals`, `sectors`).
    public var sources: [String]
    /// Factors skipped because the data lack fields they need: factor → missing fields.
    public var skipped: [String: [String]]
    /// Data factors left out because they cannot help a model (constant, mostly missing): name → reason.
    public var unusable: [String: String]
    /// Where the factors came from (for the report).
    public var origin: String

    /// One line per left-out data factor, for the console (empty when none).
    public var notices: [String] {
        unusable.keys.sorted().map { "notice: factor '\($0)' skipped: \(unusable[$0]!)" }
    }
}

/// Builds the candidate factors of a run: the feature set's registry factors (Quant's factor
/// library, `FactorRegistry.standard`, Docs/Factors.md; or qlib's Alpha158/Alpha360), then the
/// user's data factors, filtered by `--factors`.
///
/// Registry candidates are the factors comparable across stocks: price-level indicators (MA, BBI,
/// BOLL, ENV, CDP, …) enter through their `_rel` variants (value / close − 1, or / close for
/// spreads), since a raw price level ranks stocks by their share price. The market-return factor
/// is included when an index series is given.
public enum FactorSource {
    /// Computes every candidate factor the panel's fields allow. Throws `FactorError` when a
    /// registered factor breaks its contract (e.g. returns the wrong number of values),
    /// ``FactorSourceError`` when a data factor's name clashes with another candidate, and
    /// ``FactorFilterError`` when a `--factors` pattern matches nothing.
    public static func compute(_ panel: MarketPanel, indexClose: [Double]? = nil, registry: FactorRegistry = .standard,
                               features: FeatureConfig = FeatureConfig(), data: [DataFactor] = []) throws -> FactorSet {
        let marketData = try MarketData(panel: panel, indexClose: indexClose)
        var names: [String] = [], sources: [String] = [], series: [[Double]] = []
        var skipped: [String: [String]] = [:], formulas: [String: String] = [:]
        let registries = features.set.registries(paper: registry)
        for (set, reg) in registries {
            let label = set.rawValue
            let candidates = reg.definitions.filter { !$0.priceLevel }
            let (availableNames, unavailable) = reg.availability(for: marketData)
            let available = Set(availableNames)
            for u in unavailable where candidates.contains(where: { $0.name == u.name }) && u.missing != [.indexClose] {
                skipped[u.name] = u.missing.map(\.rawValue)
            }
            var wanted: [String] = []
            for d in candidates where available.contains(d.name) && features.filter.keeps(d.name) {
                // Alpha158 and Alpha360 share OPEN0, HIGH0, LOW0, VWAP0 (same formula): kept once, from the first set.
                if let earlier = formulas[d.name] {
                    if earlier == d.formula { continue }
                    throw FactorSourceError.duplicateName(d.name, source: label)
                }
                formulas[d.name] = d.formula
                wanted.append(d.name)
            }
            let computed = try reg.compute(marketData, names: wanted, threads: nil)
            for n in wanted { names.append(n); sources.append(label); series.append(computed[n]!.values) }
        }
        var unusable: [String: String] = [:]
        let close = panel.fields["close"] ?? []
        for d in data where features.filter.keeps(d.name) {
            if names.contains(d.name) { throw FactorSourceError.duplicateName(d.name, source: d.source.rawValue) }
            precondition(d.values.count == panel.assetCount * panel.dateCount, "data factor \(d.name) is not in the panel's layout")
            if let why = d.unusableReason(close: close) { unusable[d.name] = why; continue }
            names.append(d.name); sources.append(d.source.rawValue); series.append(d.values)
        }
        // Patterns are checked against every candidate, so a pattern that only matches a skipped column is not a typo.
        let all = registries.flatMap { $0.registry.definitions.filter { !$0.priceLevel }.map(\.name) } + data.map(\.name)
        _ = try features.filter.apply(to: all)
        let origin = features.set == .paper
            ? (registry.isStandard ? "Quant FactorRegistry.standard" : "Quant FactorRegistry (custom)")
            : "feature set \(features.set.rawValue)"
        let counts = Dictionary(grouping: sources, by: { $0 }).mapValues(\.count)
        let parts = counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
        return FactorSet(panel: FeaturePanel(factorNames: names, assetCount: panel.assetCount, dateCount: panel.dateCount, series: series),
                         sources: sources, skipped: skipped, unusable: unusable,
                         origin: "\(origin) (\(names.count) cross-stock-comparable factors\(counts.count > 1 ? ": \(parts)" : ""))")
    }
}

/// Candidate factors that cannot be told apart.
public enum FactorSourceError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A data factor (column, fundamental) has the name of another candidate.
    case duplicateName(String, source: String)

    public var description: String {
        switch self {
        case let .duplicateName(n, s):
            return "factor name '\(n)' (from \(s)) is already a candidate factor; rename the column or field, or exclude one with --factors '!\(n)'"
        }
    }
}
