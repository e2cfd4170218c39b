import Foundation

/// The per-date cross-sectional work of a tear sheet, on date-major copies of the panels: clean
/// rows, quantiles, factor ranks, and for every horizon the quantile means, the factor-weighted
/// return and the ICs. Dates are independent, so workers take disjoint date ranges.
struct TearSheetDatePass {
    let assets: Int, dates: Int, quantiles: Int, horizons: Int, groups: Int
    let demeaned: Bool

    /// Date-major (`t·A + a`) outputs.
    var quantile: [Int]          // 0 = row not used
    var rank: [Double]           // average rank of the factor among used rows, NaN otherwise
    /// `[h][q][t]` per-date quantile statistics of the (demeaned) forward returns.
    var qMean: [Double], qStd: [Double], qCount: [Int]
    /// `[h][t]` factor-weighted return and IC; `[h][g][t]` group IC.
    var factorReturn: [Double], ic: [Double], groupIC: [Double]
    /// Per date: rows with a finite factor, with every forward return too, used; binning failed.
    var factorRows: [Int], forwardRows: [Int], usedRows: [Int], binningFailed: [Bool]

    init(assets: Int, dates: Int, quantiles: Int, horizons: Int, groups: Int, demeaned: Bool) {
        self.assets = assets; self.dates = dates; self.quantiles = quantiles
        self.horizons = horizons; self.groups = groups; self.demeaned = demeaned
        let cells = assets * dates
        quantile = [Int](repeating: 0, count: cells)
        rank = [Double](repeating: .nan, count: cells)
        qMean = [Double](repeating: .nan, count: horizons * quantiles * dates)
        qStd = qMean
        qCount = [Int](repeating: 0, count: horizons * quantiles * dates)
        factorReturn = [Double](repeating: .nan, count: horizons * dates)
        ic = factorReturn
        groupIC = [Double](repeating: .nan, count: horizons * groups * dates)
        factorRows = [Int](repeating: 0, count: dates)
        forwardRows = factorRows; usedRows = factorRows
        binningFailed = [Bool](repeating: false, count: dates)
    }

    /// Runs the pass. `factor`, `forward[h]` and `group` are date-major; `group` may be empty.
    mutating func run(factor: [Double], forward: [[Double]], group: [Int], threads: Int) {
        let A = assets, T = dates, Q = quantiles, H = horizons, G = groups
        let probabilities = FactorQuantiles.probabilities(Q)
        let workers = Swift.max(1, Swift.min(threads, T))
        let dm = demeaned
        factor.withUnsafeBufferPointer { fb in group.withUnsafeBufferPointer { gb in
        quantile.withUnsafeMutableBufferPointer { qb in rank.withUnsafeMutableBufferPointer { rb in
        qMean.withUnsafeMutableBufferPointer { qmb in qStd.withUnsafeMutableBufferPointer { qsb in
        qCount.withUnsafeMutableBufferPointer { qcb in factorReturn.withUnsafeMutableBufferPointer { frb in
        ic.withUnsafeMutableBufferPointer { icb in groupIC.withUnsafeMutableBufferPointer { gib in
        factorRows.withUnsafeMutableBufferPointer { f1 in forwardRows.withUnsafeMutableBufferPointer { f2 in
        usedRows.withUnsafeMutableBufferPointer { f3 in binningFailed.withUnsafeMutableBufferPointer { bf in
            // Workers write disjoint date ranges of every output, so sharing the pointers is race-free.
            nonisolated(unsafe) let out = (qb.baseAddress!, rb.baseAddress!, qmb.baseAddress!, qsb.baseAddress!,
                                           qcb.baseAddress!, frb.baseAddress!, icb.baseAddress!, gib.baseAddress,
                                           f1.baseAddress!, f2.baseAddress!, f3.baseAddress!, bf.baseAddress!)
            nonisolated(unsafe) let inp = (fb.baseAddress!, gb.baseAddress)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let (qo, ro, qmo, qso, qco, fro, ico, gio, fro1, fro2, fro3, bfo) = out
                let (fp, gp) = inp
                var idx = [Int](), f = [Double](), r = [Double](), d = [Double](), labels = [Int]()
                var scratch = [Double](), ranks = [Double](repeating: 0, count: A), gx = [Double](), gy = [Double]()
                idx.reserveCapacity(A); f.reserveCapacity(A); r.reserveCapacity(A); d.reserveCapacity(A)
                labels.reserveCapacity(A); scratch.reserveCapacity(A); gx.reserveCapacity(A); gy.reserveCapacity(A)
                var rankWS = RankWorkspace(capacity: A)
                var rRanks = [Double](repeating: 0, count: A)
                // Per group: the positions (in the date's used rows) of its members and their factor ranks,
                // ranked once per date and reused by every horizon.
                var members = [[Int]](repeating: [], count: G), memberRanks = [[Double]](repeating: [], count: G)
                var bucket = [Double](); bucket.reserveCapacity(A)
                for t in (T * w / workers)..<(T * (w + 1) / workers) {
                    let row = t * A
                    // Clean rows: a finite factor and every horizon's forward return.
                    idx.removeAll(keepingCapacity: true); f.removeAll(keepingCapacity: true)
                    var finite = 0
                    for a in 0..<A {
                        let x = fp[row + a]
                        guard x.isFinite else { continue }
                        finite += 1
                        var ok = true
                        for h in 0..<H where forward[h][row + a].isNaN { ok = false; break }
                        if ok { idx.append(a); f.append(x) }
                    }
                    fro1[t] = finite; fro2[t] = idx.count
                    let n = idx.count
                    guard n > 0 else { continue }
                    labels.removeAll(keepingCapacity: true)
                    labels.append(contentsOf: repeatElement(0, count: n))
                    let binned = f.withUnsafeBufferPointer { fv in labels.withUnsafeMutableBufferPointer { lb in
                        FactorQuantiles.assign(fv, quantiles: Q, probabilities: probabilities, into: lb, scratch: &scratch)
                    } }
                    guard binned else { bfo[t] = true; continue }
                    fro3[t] = n
                    for i in 0..<n { qo[row + idx[i]] = labels[i] }
                    f.withUnsafeBufferPointer { fv in ranks.withUnsafeMutableBufferPointer { rk in
                        Statistics.averageRanks(fv, into: UnsafeMutableBufferPointer(start: rk.baseAddress, count: n), workspace: &rankWS)
                    } }
                    for i in 0..<n { ro[row + idx[i]] = ranks[i] }
                    if G > 0, let gp {
                        for g in 0..<G { members[g].removeAll(keepingCapacity: true) }
                        for i in 0..<n { let g = gp[row + idx[i]]; if g >= 0 { members[g].append(i) } }
                        for g in 0..<G {
                            gx.removeAll(keepingCapacity: true)
                            for i in members[g] { gx.append(f[i]) }
                            memberRanks[g] = [Double](repeating: 0, count: gx.count)
                            gx.withUnsafeBufferPointer { xv in memberRanks[g].withUnsafeMutableBufferPointer { rk in
                                Statistics.averageRanks(xv, into: rk, workspace: &rankWS)
                            } }
                        }
                    }
                    // Factor weights (f − mean f)/Σ|f − mean f|, shared by every horizon.
                    let fMean = Statistics.mean(f)
                    var denom = 0.0
                    for x in f { denom += Swift.abs(x - fMean) }
                    for h in 0..<H {
                        let fw = forward[h]
                        r.removeAll(keepingCapacity: true)
                        for a in idx { r.append(fw[row + a]) }
                        // Demeaned returns (alphalens demean_forward_returns) for the quantile means.
                        let rMean = dm ? Statistics.mean(r) : 0
                        d.removeAll(keepingCapacity: true)
                        for x in r { d.append(x - rMean) }
                        for q in 1...Q {
                            bucket.removeAll(keepingCapacity: true)
                            for i in 0..<n where labels[i] == q { bucket.append(d[i]) }
                            let o = (h * Q + (q - 1)) * T + t
                            qco[o] = bucket.count
                            if !bucket.isEmpty {
                                qmo[o] = Statistics.mean(bucket)
                                qso[o] = Statistics.standardDeviation(bucket, ddof: 1)
                            }
                        }
                        var s = 0.0
                        if denom != 0 { for i in 0..<n { s += ((f[i] - fMean) / denom) * r[i] } }
                        fro[h * T + t] = s
                        // Rank IC: the return ranks against the factor ranks computed above.
                        ico[h * T + t] = n < 2 ? .nan : Self.rankIC(ranks, r, count: n, scratch: &rRanks, workspace: &rankWS)
                        if G > 0, let gio {
                            for g in 0..<G {
                                gy.removeAll(keepingCapacity: true)
                                for i in members[g] { gy.append(r[i]) }
                                let m = gy.count
                                gio[(h * G + g) * T + t] = m < 2 ? .nan : Self.rankIC(memberRanks[g], gy, count: m, scratch: &rRanks, workspace: &rankWS)
                            }
                        }
                    }
                }
            }
        } } } } } } } } } } } }
        } }
    }

    /// Spearman correlation of values `y` with the precomputed average ranks `xRanks` of the other
    /// side (count n ≥ 2): ranks `y`, then ``InformationCoefficient/Workspace/rankCorrelation(_:_:)``
    /// — the same arithmetic as `spearmanComplete`, without re-ranking the factor for every horizon.
    static func rankIC(_ xRanks: [Double], _ y: [Double], count n: Int, scratch: inout [Double], workspace: inout RankWorkspace) -> Double {
        y.withUnsafeBufferPointer { yv in scratch.withUnsafeMutableBufferPointer { rk in
            let out = UnsafeMutableBufferPointer(start: rk.baseAddress, count: n)
            Statistics.averageRanks(UnsafeBufferPointer(start: yv.baseAddress, count: n), into: out, workspace: &workspace)
            return xRanks.withUnsafeBufferPointer { xr in
                InformationCoefficient.Workspace.rankCorrelation(UnsafeBufferPointer(start: xr.baseAddress, count: n), UnsafeBufferPointer(out))
            }
        } }
    }
}
