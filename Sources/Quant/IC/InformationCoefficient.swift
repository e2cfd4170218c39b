import Foundation

/// Which correlation an IC uses.
public enum ICMethod: String, Sendable, CaseIterable {
    /// Pearson correlation of the values ("IC").
    case pearson
    /// Spearman correlation: Pearson on average ranks ("rank IC"; alphalens, scipy `spearmanr`).
    case spearman
}

/// Bad input to an IC computation.
public enum ICError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Factor and forward returns differ in length.
    case lengthMismatch(factor: Int, returns: Int)
    /// ±inf in the factor or the returns (IC rejects it; preprocessing treats it as missing).
    case nonFiniteInput(String)
    /// Panels share no dates or no assets.
    case noOverlap(String)
    /// A parameter outside its domain.
    case invalidParameter(String)
    /// One value of a file is wrong: file, line, column and why.
    case badValue(path: String, line: Int, column: String, reason: String)

    public var description: String {
        switch self {
        case let .lengthMismatch(f, r): return "lengthMismatch: factor has \(f) values, forward returns \(r)"
        case let .nonFiniteInput(s): return "nonFiniteInput: +-inf in \(s)"
        case let .noOverlap(s): return "noOverlap: \(s)"
        case let .invalidParameter(s): return "invalidParameter: \(s)"
        case let .badValue(p, l, c, r): return "\(p):\(l): column '\(c)': \(r)"
        }
    }
}

/// Information coefficients: the correlation between a factor at T and the forward return
/// realised from T to T+h (see Docs/IC.md for the exact definitions).
///
/// Every IC uses complete pairs only (both values non-NaN); fewer than 2 pairs or a constant
/// side gives NaN, which summaries skip (alphalens 0.5). ±inf throws.
public enum InformationCoefficient {
    /// The IC of one sample of (factor, forward return) pairs.
    public static func compute(factor: [Double], forwardReturns: [Double], method: ICMethod = .spearman) throws -> Double {
        guard factor.count == forwardReturns.count else {
            throw ICError.lengthMismatch(factor: factor.count, returns: forwardReturns.count)
        }
        if factor.contains(where: { $0.isInfinite }) { throw ICError.nonFiniteInput("factor") }
        if forwardReturns.contains(where: { $0.isInfinite }) { throw ICError.nonFiniteInput("forward returns") }
        switch method {
        case .pearson: return Statistics.pearson(factor, forwardReturns)
        case .spearman: return Statistics.spearman(factor, forwardReturns)
        }
    }

    /// Reusable buffers for the per-sample kernel (one per worker thread).
    struct Workspace {
        var a: [Double], b: [Double], ra: [Double], rb: [Double]
        var ranks: RankWorkspace
        init(capacity: Int) {
            a = []; b = []; a.reserveCapacity(capacity); b.reserveCapacity(capacity)
            ra = [Double](repeating: 0, count: capacity); rb = ra
            ranks = RankWorkspace(capacity: capacity)
        }

        /// IC of x[i·stride], y[i·stride] for i < count, complete pairs only; also returns the pair count.
        mutating func ic(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int, stride: Int,
                         method: ICMethod) -> (Double, Int) {
            a.removeAll(keepingCapacity: true); b.removeAll(keepingCapacity: true)
            for i in 0..<count {
                let u = x[i * stride], v = y[i * stride]
                if !u.isNaN && !v.isNaN { a.append(u); b.append(v) }
            }
            let n = a.count
            if n < 2 { return (.nan, n) }
            if method == .pearson {
                let r = a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in Statistics.pearsonComplete(ap, bp) } }
                return (r, n)
            }
            let r = a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in
                Workspace.spearmanComplete(ap.baseAddress!, bp.baseAddress!, count: n, ra: &ra, rb: &rb, ranks: &ranks)
            } }
            return (r, n)
        }

        /// Spearman correlation of `n` complete pairs: Pearson of the average ranks.
        ///
        /// Average ranks have mean exactly (n + 1)/2 and are half-integers, so for n < 2^17 the
        /// centred sums Σrx·ry − n·m², Σr² − n·m² are exact in Double; one fused pass replaces the
        /// two-pass Pearson. Larger samples fall back to the two-pass Pearson of the ranks.
        static func spearmanComplete(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count n: Int,
                                     ra: inout [Double], rb: inout [Double], ranks: inout RankWorkspace) -> Double {
            ra.withUnsafeMutableBufferPointer { rp in
                Statistics.averageRanks(UnsafeBufferPointer(start: x, count: n),
                                        into: UnsafeMutableBufferPointer(start: rp.baseAddress, count: n), workspace: &ranks)
            }
            rb.withUnsafeMutableBufferPointer { rp in
                Statistics.averageRanks(UnsafeBufferPointer(start: y, count: n),
                                        into: UnsafeMutableBufferPointer(start: rp.baseAddress, count: n), workspace: &ranks)
            }
            return ra.withUnsafeBufferPointer { ap in rb.withUnsafeBufferPointer { bp in
                rankCorrelation(UnsafeBufferPointer(start: ap.baseAddress, count: n), UnsafeBufferPointer(start: bp.baseAddress, count: n))
            } }
        }

        /// Pearson correlation of two average-rank vectors of equal length n (the second half of
        /// ``spearmanComplete(_:_:count:ra:rb:ranks:)``, for callers that rank one side once and reuse it).
        static func rankCorrelation(_ u: UnsafeBufferPointer<Double>, _ v: UnsafeBufferPointer<Double>) -> Double {
            let n = u.count
            guard n < 1 << 17 else { return Statistics.pearsonComplete(u, v) }
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in 0..<n { let p = u[i], q = v[i]; sxy += p * q; sxx += p * p; syy += q * q }
            let m = Double(n + 1) / 2, c = Double(n) * m * m
            let cxy = sxy - c, cxx = sxx - c, cyy = syy - c
            guard cxx > 0, cyy > 0 else { return .nan }
            return Swift.max(-1, Swift.min(1, cxy / (cxx.squareRoot() * cyy.squareRoot())))
        }

        /// Dates per gather block. The gather is bound by the strided loads (one cache line or
        /// more per asset per block, and a TLB miss per 4 KiB page), so longer runs per asset pay;
        /// 32 dates measured best at 3,000 assets (8: +20 % CPU). The block buffers (2 × dates ×
        /// assets doubles) are capped near 2 MiB so that wide universes stay in cache.
        static func dateBlock(assets: Int) -> Int { Swift.max(1, Swift.min(32, (1 << 21) / (16 * Swift.max(1, assets)))) }

        /// Cross-sectional ICs of dates `range`, gathered straight from the column-major panels
        /// (`values[asset * dates + date]`) a block of dates at a time, so no transposed copy of the
        /// panels is made. Also reports whether any cell in the range of either panel is ±inf.
        mutating func crossSection(factor f: UnsafePointer<Double>, returns r: UnsafePointer<Double>,
                                   dates nd: Int, assets na: Int, range: Range<Int>, method: ICMethod,
                                   ics: UnsafeMutablePointer<Double>, counts: UnsafeMutablePointer<Int>) -> (factorInf: Bool, returnsInf: Bool) {
            let bsize = Workspace.dateBlock(assets: na)
            var xs = [Double](repeating: 0, count: bsize * na), ys = xs
            var cnt = [Int](repeating: 0, count: bsize)
            var infF = false, infR = false
            xs.withUnsafeMutableBufferPointer { xb in ys.withUnsafeMutableBufferPointer { yb in cnt.withUnsafeMutableBufferPointer { cb in
                let xp = xb.baseAddress!, yp = yb.baseAddress!, c = cb.baseAddress!
                var t0 = range.lowerBound
                while t0 < range.upperBound {
                    let bw = Swift.min(bsize, range.upperBound - t0)
                    for j in 0..<bw { c[j] = 0 }
                    for a in 0..<na {
                        let fa = f + a * nd + t0, rr = r + a * nd + t0
                        for j in 0..<bw {
                            let u = fa[j], v = rr[j]
                            if u.isInfinite { infF = true }
                            if v.isInfinite { infR = true }
                            // Branch-free compaction: always store, advance only on a complete pair.
                            let k = c[j]
                            xp[j * na + k] = u; yp[j * na + k] = v
                            c[j] = k &+ ((u.isNaN || v.isNaN) ? 0 : 1)
                        }
                    }
                    for j in 0..<bw {
                        let n = c[j], t = t0 + j
                        counts[t] = n
                        if n < 2 { ics[t] = .nan; continue }
                        ics[t] = method == .pearson
                            ? Statistics.pearsonComplete(UnsafeBufferPointer(start: xp + j * na, count: n),
                                                         UnsafeBufferPointer(start: yp + j * na, count: n))
                            : Workspace.spearmanComplete(xp + j * na, yp + j * na, count: n, ra: &ra, rb: &rb, ranks: &ranks)
                    }
                    t0 += bw
                }
            } } }
            return (infF, infR)
        }
    }

    /// Cross-sectional IC series: for every date T, the IC across assets of `factor` at T and
    /// `forwardReturns` at T (alphalens `factor_information_coefficient`). The panels are
    /// aligned on common dates and assets first. Work is split across dates on `threads`
    /// threads (default: all cores).
    public static func crossSectional(factor: Panel, forwardReturns: Panel, method: ICMethod = .spearman,
                                      threads: Int? = nil) throws -> ICSeries {
        let (f, r) = try factor.aligned(with: forwardReturns)
        guard f.dateCount > 0, f.assetCount > 0 else { throw ICError.noOverlap("factor and returns share no dates/assets") }
        let nd = f.dateCount, na = f.assetCount
        var ics = [Double](repeating: .nan, count: nd)
        var counts = [Int](repeating: 0, count: nd)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, nd))
        var infFlags = [(factorInf: Bool, returnsInf: Bool)](repeating: (false, false), count: workers)
        f.values.withUnsafeBufferPointer { fp in r.values.withUnsafeBufferPointer { rp in
            ics.withUnsafeMutableBufferPointer { icp in counts.withUnsafeMutableBufferPointer { cp in
            infFlags.withUnsafeMutableBufferPointer { flp in
                // Each worker writes a disjoint range of dates and its own flag slot, so sharing
                // the raw pointers is race-free.
                nonisolated(unsafe) let (fb, rb, ib, cb, flb) = (fp.baseAddress!, rp.baseAddress!, icp.baseAddress!, cp.baseAddress!, flp.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var ws = Workspace(capacity: na)
                    let lo = nd * w / workers, hi = nd * (w + 1) / workers
                    flb[w] = ws.crossSection(factor: fb, returns: rb, dates: nd, assets: na, range: lo..<hi,
                                             method: method, ics: ib, counts: cb)
                }
            } } }
        } }
        // ±inf anywhere is an error; checked after the pass so the scan rides on the gather.
        if infFlags.contains(where: { $0.factorInf }) { throw ICError.nonFiniteInput("factor") }
        if infFlags.contains(where: { $0.returnsInf }) { throw ICError.nonFiniteInput("forward returns") }
        return ICSeries(dates: f.dates, values: ics, pairCounts: counts, method: method)
    }

    /// Per-asset time-series IC (the single-factor test of Yang 2024): for each asset, the
    /// correlation over dates of the factor at T with the forward return at T, with the
    /// t-test of a correlation (t = r√((n−2)/(1−r²)), two-sided p, n − 2 degrees of freedom,
    /// as scipy `pearsonr`/`spearmanr`).
    public static func timeSeries(factor: Panel, forwardReturns: Panel, method: ICMethod = .spearman) throws -> [AssetIC] {
        let (f, r) = try factor.aligned(with: forwardReturns)
        if f.containsInfinity { throw ICError.nonFiniteInput("factor") }
        if r.containsInfinity { throw ICError.nonFiniteInput("forward returns") }
        var ws = Workspace(capacity: f.dateCount)
        let nd = f.dateCount
        return f.values.withUnsafeBufferPointer { fp in r.values.withUnsafeBufferPointer { rp in
            (0..<f.assetCount).map { a in
                let (ic, n) = nd == 0 ? (.nan, 0) : ws.ic(fp.baseAddress! + a * nd, rp.baseAddress! + a * nd, count: nd, stride: 1, method: method)
                let (t, p) = Statistics.correlationTTest(r: ic, n: n)
                return AssetIC(asset: f.assets[a], ic: ic, pairCount: n, tStat: t, pValue: p)
            }
        } }
    }

    /// IC decay: the cross-sectional IC summary of `factor` against forward returns over each
    /// horizon h in `horizons`, computed from `prices`. The Newey–West t of each horizon uses
    /// h − 1 lags, since forward windows overlap.
    public static func decay(factor: Panel, prices: Panel, horizons: [Int], method: ICMethod = .spearman,
                             kind: Returns.Kind = .simple) throws -> [(horizon: Int, summary: ICSummary)] {
        try horizons.map { h in
            guard h >= 1 else { throw ICError.invalidParameter("horizon \(h) must be ≥ 1") }
            let fwd = Returns.forwardFromPrices(prices, horizon: h, kind: kind)
            let s = try crossSectional(factor: factor, forwardReturns: fwd, method: method)
            return (h, ICSummary(s.values, overlap: h))
        }
    }
}

/// A cross-sectional IC series: one IC per date.
public struct ICSeries: Sendable, Equatable {
    /// Dates of the aligned panels, one per IC.
    public let dates: [String]
    /// IC per date (NaN when fewer than 2 complete pairs or a constant side).
    public let values: [Double]
    /// Complete (factor, return) pairs used on each date.
    public let pairCounts: [Int]
    /// Correlation used (Pearson or Spearman rank).
    public let method: ICMethod
}

/// The time-series IC of one asset and its significance.
public struct AssetIC: Sendable, Equatable {
    /// Asset label.
    public let asset: String
    /// Correlation of the asset's factor with its forward returns over time (NaN if not computable).
    public let ic: Double
    /// Dates with both factor and forward return non-NaN.
    public let pairCount: Int
    /// t statistic of the correlation, `r·√((n − 2)/(1 − r²))` (NaN for fewer than 3 pairs).
    public let tStat: Double
    /// Two-sided p-value of ``tStat`` (Student t, df = n − 2).
    public let pValue: Double
}
