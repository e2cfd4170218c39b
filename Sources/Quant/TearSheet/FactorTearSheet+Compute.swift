import Foundation

extension FactorTearSheet {
    /// Computes the tear sheet of `input` (see ``FactorTearSheet`` and Docs/TearSheet.md).
    ///
    /// Throws ``TearSheetError`` for inconsistent sizes, bad group codes, bad options, fewer
    /// assets than quantiles, or when no row survives (no factor value with every forward return).
    public static func compute(_ input: TearSheetInput, options: TearSheetOptions = TearSheetOptions()) throws -> FactorTearSheet {
        try input.validate(options)
        let A = input.layout.assetCount, T = input.layout.dateCount, Q = options.quantiles
        let hs = options.horizons, H = hs.count, G = input.groups == nil ? 0 : input.groupNames.count
        let threads = options.threads ?? ProcessInfo.processInfo.activeProcessorCount

        // Forward returns per horizon, asset-major, then date-major for the cross-sections.
        let raw = input.prices.values
        let forward: [[Double]] = hs.map { h in
            var out = [Double](); out.reserveCapacity(A * T)
            for a in 0..<A {
                let s = raw[(a * T)..<((a + 1) * T)]
                switch input.prices {
                case .closes: out.append(contentsOf: Returns.forwardFromPrices(s, horizon: h))
                case .dailyReturns: out.append(contentsOf: Returns.forwardFromReturns(s, horizon: h))
                }
            }
            return Panel.transpose(out, rows: A, columns: T)
        }
        let factor = Panel.transpose(input.factor, rows: A, columns: T)
        var group: [Int] = []
        if let g = input.groups {
            group = [Int](repeating: -1, count: A * T)
            for a in 0..<A { for t in 0..<T { group[t * A + a] = g[a * T + t] } }
        }

        var pass = TearSheetDatePass(assets: A, dates: T, quantiles: Q, horizons: H, groups: G, demeaned: options.demeaned)
        pass.run(factor: factor, forward: forward, group: group, threads: threads)

        let used = pass.usedRows.reduce(0, +)
        let coverage = TearSheetCoverage(cells: A * T, factorRows: pass.factorRows.reduce(0, +),
                                         forwardReturnRows: pass.forwardRows.reduce(0, +), usedRows: used,
                                         datesDroppedInBinning: (0..<T).filter { pass.binningFailed[$0] }.map { input.dates[$0] })
        guard used > 0 else {
            throw TearSheetError.noUsableRows("none of the \(A * T) (asset, date) rows has a finite factor value, every forward return (horizons \(hs)) and a unique set of quantile edges")
        }

        // Quantile labels back to the input's asset-major layout; statistics of the factor per quantile.
        var labels = [Int](repeating: 0, count: A * T)
        var byQuantile = [[Double]](repeating: [], count: Q)
        for t in 0..<T { for a in 0..<A {
            let q = pass.quantile[t * A + a]
            guard q > 0 else { continue }
            labels[a * T + t] = q
            byQuantile[q - 1].append(factor[t * A + a])
        } }
        let stats = (1...Q).map { q -> QuantileFactorStatistics in
            let v = byQuantile[q - 1]
            return QuantileFactorStatistics(quantile: q, min: v.min() ?? .nan, max: v.max() ?? .nan, mean: Statistics.mean(v),
                                            std: Statistics.standardDeviation(v, ddof: 1), count: v.count,
                                            countPercent: Double(v.count) / Double(used) * 100)
        }
        let top = (1...Q).last { byQuantile[$0 - 1].count > 0 } ?? Q
        let bottom = (1...Q).first { byQuantile[$0 - 1].count > 0 } ?? 1
        let activeDates = (0..<T).filter { pass.usedRows[$0] > 0 }
        let span = activeDates.first!...activeDates.last!

        let results = hs.enumerated().map { (hi, h) in
            horizonFigures(pass, hi: hi, h: h, top: top, bottom: bottom, dates: input.dates, span: span, groupCount: G)
        }
        var cumulative: TearSheetCumulative?
        if let one = hs.firstIndex(of: 1) {
            let r = results[one]
            cumulative = TearSheetCumulative(
                quantiles: r.meanReturnByDate.map { compound($0, span: span) },
                factorWeighted: compound(r.factorReturns, span: span),
                factorWeightedFullLeverage: compound(r.factorReturns.map { 2 * $0 }, span: span))
        }
        return FactorTearSheet(dates: input.dates, assetCount: A, quantileCount: Q, groupNames: G > 0 ? input.groupNames : [],
                               coverage: coverage, quantiles: labels, quantileStatistics: stats, horizons: results,
                               cumulative: cumulative, demeaned: options.demeaned)
    }

    /// Growth of 1 over `span` (empyrical `cum_returns(starting_value=1)`: NaN returns count as 0); NaN outside.
    static func compound(_ r: [Double], span: ClosedRange<Int>) -> [Double] {
        var out = [Double](repeating: .nan, count: r.count)
        var g = 1.0
        for t in span {
            if !r[t].isNaN { g *= 1 + r[t] }
            out[t] = g
        }
        return out
    }

    /// `(1 + m)^(1/h) − 1` (alphalens `rate_of_return` with base period 1 day).
    static func rate(_ m: Double, _ h: Int) -> Double { pow(1 + m, 1 / Double(h)) - 1 }

    static func horizonFigures(_ p: TearSheetDatePass, hi: Int, h: Int, top: Int, bottom: Int, dates: [String],
                               span: ClosedRange<Int>, groupCount G: Int) -> TearSheetHorizon {
        let T = p.dates, Q = p.quantiles, A = p.assets
        func slice(_ v: [Double], _ q: Int) -> [Double] { Array(v[((hi * Q + q - 1) * T)..<((hi * Q + q) * T)]) }
        let byDate = (1...Q).map { slice(p.qMean, $0) }
        let mean = byDate.map { Statistics.mean($0) }
        let se = byDate.map { v -> Double in
            let n = v.lazy.filter { !$0.isNaN }.count
            return Statistics.standardDeviation(v, ddof: 1) / Double(n).squareRoot()
        }
        // Per-date spread of 1-day rates and its converted standard error.
        let rh = Double(h).squareRoot()
        func seByDate(_ q: Int, _ t: Int) -> Double {
            let o = (hi * Q + q - 1) * T + t
            return p.qStd[o] / Double(p.qCount[o]).squareRoot() / rh
        }
        var spread = [Double](repeating: .nan, count: T), spreadSE = spread
        for t in 0..<T {
            let a = byDate[top - 1][t], b = byDate[bottom - 1][t]
            guard !a.isNaN, !b.isNaN else { continue }
            spread[t] = (rate(a, h) - rate(b, h)) / 2
            let s1 = seByDate(top, t), s2 = seByDate(bottom, t)
            spreadSE[t] = (s1 * s1 + s2 * s2).squareRoot() / 2
        }
        let qs = QuantileSpread(top: top, bottom: bottom, byDate: spread, stdErrorByDate: spreadSE,
                                meanByDate: Statistics.mean(spread), mean: (mean[top - 1] - mean[bottom - 1]) / 2,
                                stdError: (se[top - 1] * se[top - 1] + se[bottom - 1] * se[bottom - 1]).squareRoot() / 2)
        let fr = Array(p.factorReturn[(hi * T)..<((hi + 1) * T)])
        let ics = Array(p.ic[(hi * T)..<((hi + 1) * T)])
        let groupIC = (0..<G).map { g in Statistics.mean(p.groupIC[((hi * G + g) * T)..<((hi * G + g + 1) * T)]) }
        let turnover = quantileTurnover(p.quantile, assets: A, dates: T, quantiles: Q, lag: h)
        let autocorrelation = rankAutocorrelation(p.rank, assets: A, dates: T, lag: h)
        return TearSheetHorizon(
            horizon: h, meanReturn: mean, meanReturnStdError: se, meanReturnRate: mean.map { rate($0, h) },
            meanReturnByDate: byDate, spread: qs, factorReturns: fr,
            ic: TearSheetIC(byDate: ics, summary: ICSummary(ics, overlap: h), monthly: monthlyIC(ics, dates: dates, span: span), byGroup: groupIC),
            turnover: turnover, meanTurnover: turnover.map { Statistics.mean($0) },
            rankAutocorrelation: autocorrelation, meanRankAutocorrelation: Statistics.mean(autocorrelation))
    }

    /// Mean IC per calendar month over the months of `span` (dates are ISO `yyyy-MM-dd`).
    static func monthlyIC(_ ic: [Double], dates: [String], span: ClosedRange<Int>) -> [MonthlyIC] {
        func ym(_ d: String) -> Int { Int(d.prefix(4))! * 12 + Int(d.dropFirst(5).prefix(2))! - 1 }
        let first = ym(dates[span.lowerBound]), last = ym(dates[span.upperBound])
        var values = [[Double]](repeating: [], count: last - first + 1)
        for t in span where !ic[t].isNaN { values[ym(dates[t]) - first].append(ic[t]) }
        return (first...last).map { k in
            MonthlyIC(year: k / 12, month: k % 12 + 1, mean: Statistics.mean(values[k - first]), count: values[k - first].count)
        }
    }
}
