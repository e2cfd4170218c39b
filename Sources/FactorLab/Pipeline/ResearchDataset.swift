import Foundation
import Quant

/// Everything a run derives from its data once, before any fold: the candidate factors, daily
/// returns, the forward targets and the walk-forward folds. `run`, `sweep` and `screen` all start
/// here, so they agree on the folds and on what "enough data" means.
public struct ResearchDataset: Sendable {
    /// The market data.
    public let panel: MarketPanel
    /// The benchmark index close aligned to the panel's dates, if any.
    public let indexClose: [Double]?
    /// The candidate factors (raw).
    public let factors: FactorSet
    /// Daily log returns of close (asset-major, `NaN` on the first date and across gaps).
    public let logReturns: [Double]
    /// Daily simple returns `exp(r) − 1` (asset-major).
    public let simpleReturns: [Double]
    /// The log return of the next day (the screening target), asset-major.
    public let nextReturn: [Double]
    /// The model target: the mean daily log return over the next h days, asset-major (what
    /// evaluation and IC compare predictions with).
    public let target: [Double]
    /// The training label: ``target`` normalised per date by `config.features.label` (the target
    /// itself for `raw`), asset-major.
    public let label: [Double]
    /// The first decision date with a full window of finite factors for some asset.
    public let firstDecisionDate: Int
    /// Every walk-forward fold of the configuration.
    public let folds: [WalkForwardFold]
    /// Sector codes per (asset, date) when a sector map was given (per-sector IC, sector exposure,
    /// sector-neutral preprocessing).
    public let sectors: GroupCodes?

    /// Computes factors, returns, targets and folds. The candidates are `config.features`' feature
    /// set over `registry` (the paper's), the panel's extra numeric columns and `data` (joined
    /// fundamentals, sector factors). Throws ``PipelineError/tooFewDates(dates:usable:needed:)``
    /// when not even one fold fits, ``FactorSourceError`` / ``FactorFilterError`` for clashing
    /// names or a `--factors` pattern matching nothing, and Quant's errors for factors that break their contract.
    ///
    /// With `config.features.sectorNeutral`, every candidate is first MAD-clipped and z-scored
    /// within its sector on each date (Quant's `SectorNeutral`; per date, so causal), and the
    /// fold's pooled preprocessing then runs on those values; it needs `sectors`
    /// (``PipelineConfigError/invalid(option:reason:)`` otherwise).
    public init(panel: MarketPanel, indexClose: [Double]?, config: PipelineConfig, factors registry: FactorRegistry = .standard,
                data: [DataFactor] = [], sectors: GroupCodes? = nil) throws {
        self.panel = panel
        self.indexClose = indexClose
        self.sectors = sectors
        var factors = try FactorSource.compute(panel, indexClose: indexClose, registry: registry, features: config.features,
                                               data: DataFactor.columns(of: panel) + data)
        if config.features.sectorNeutral {
            guard let sectors else { throw PipelineConfigError.invalid(option: "sector-neutral", reason: "needs a sector map (--sectors FILE)") }
            let p = factors.panel
            let series = (0..<p.factorCount).map { SectorNeutral.standardize(p.series(factor: $0), groups: sectors) }
            factors.panel = FeaturePanel(factorNames: p.factorNames, assetCount: p.assetCount, dateCount: p.dateCount, series: series)
        }
        self.factors = factors
        let layout = panel.layout
        logReturns = panel.logReturns()
        simpleReturns = logReturns.map { $0.isFinite ? Foundation.exp($0) - 1 : .nan }
        nextReturn = ForwardTarget.meanLogReturn(logReturns: logReturns, layout: layout, horizon: 1)
        target = ForwardTarget.meanLogReturn(logReturns: logReturns, layout: layout, horizon: config.horizon)
        label = config.features.label.apply(target, layout: layout)
        firstDecisionDate = Self.firstDecisionDate(factors.panel, window: config.window)
        var split = config.split
        split.gap = config.horizon
        folds = split.folds(firstDate: firstDecisionDate, dateCount: panel.dateCount)
        guard !folds.isEmpty else {
            throw PipelineError.tooFewDates(dates: panel.dateCount, usable: max(0, panel.dateCount - firstDecisionDate),
                                            needed: config.minimumDates)
        }
    }

    /// The dataset of loaded inputs: their fundamentals and sector factors join the candidates
    /// (``ResearchInputs/dataFactors()``) and their sectors are kept.
    public init(inputs: ResearchInputs, config: PipelineConfig, factors registry: FactorRegistry = .standard) throws {
        try self.init(panel: inputs.panel, indexClose: inputs.indexClose, config: config, factors: registry,
                      data: inputs.dataFactors(), sectors: inputs.sectorCodes)
    }

    /// The asset-major layout of every per-(asset, date) array here.
    public var layout: PanelLayout { panel.layout }

    /// Decision dates from which a full feature window can exist: the first date on which some
    /// asset has every factor finite, plus L−1. Depends only on data up to that date.
    public static func firstDecisionDate(_ features: FeaturePanel, window: Int) -> Int {
        let F = features.factorCount, T = features.dateCount
        for t in 0..<T {
            for a in 0..<features.assetCount {
                var ok = true
                for f in 0..<F where !features.value(asset: a, date: t, factor: f).isFinite { ok = false; break }
                if ok { return t + window - 1 }
            }
        }
        return T
    }

    /// The paper's factor screening on `fold`'s training dates (the first step of ``FoldContext``).
    public func screen(_ fold: WalkForwardFold, config: PipelineConfig) -> FactorScreenResult {
        var result = FactorScreener.screen(factors.panel, nextReturn: nextReturn, train: fold.train, config: config.screen)
        let source = Dictionary(uniqueKeysWithValues: zip(factors.panel.factorNames, factors.sources))
        for i in result.table.indices { result.table[i].source = source[result.table[i].factor] }
        if let sectors {
            let panel = factors.panel, index = result.selected.compactMap { panel.factorNames.firstIndex(of: $0) }
            result.sectorIC = SectorIC.table(names: index.map { panel.factorNames[$0] }, signals: index.map { panel.series(factor: $0) },
                                             forward: nextReturn, sectors: sectors, dates: fold.train)
        }
        return result
    }

    /// Screens, preprocesses and windows one fold (see ``FoldContext``).
    public func context(for fold: WalkForwardFold, config: PipelineConfig) -> FoldContext {
        FoldContext(dataset: self, fold: fold, config: config)
    }

    /// First and last ISO date of `range` (clamped to the data), empty when it holds no date.
    public func span(_ range: Range<Int>) -> [String] {
        let T = panel.dateCount
        let lo = min(range.lowerBound, T - 1), hi = min(range.upperBound, T) - 1
        return lo <= hi && lo >= 0 ? [panel.dates[lo], panel.dates[hi]] : []
    }
}
