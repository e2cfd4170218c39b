extension InformationCoefficient {
    /// Per-group IC: for each group and each date, the IC (Spearman by default) between `factor`
    /// and `forwardReturns` across the group's members that date, complete pairs only; then
    /// ``ICSummary`` of each group's series (`overlap` = forward horizon, for Newey–West lags).
    /// One result per group name, in code order. Asset-major inputs in `groups.layout`.
    ///
    /// Dates where a group has fewer than `minimumPairs` complete pairs give `NaN` (default 3:
    /// two pairs always correlate ±1). Throws ``ICError/lengthMismatch(factor:returns:)`` or
    /// ``ICError/invalidParameter(_:)`` on mismatched sizes or `minimumPairs` < 2, and
    /// ``ICError/nonFiniteInput(_:)`` on ±inf.
    public static func byGroup(factor: [Double], forwardReturns: [Double], groups: GroupCodes,
                               method: ICMethod = .spearman, minimumPairs: Int = 3, overlap: Int = 1) throws -> [GroupIC] {
        guard factor.count == forwardReturns.count else {
            throw ICError.lengthMismatch(factor: factor.count, returns: forwardReturns.count)
        }
        let layout = groups.layout
        guard factor.count == layout.count else {
            throw ICError.invalidParameter("factor has \(factor.count) values, groups cover \(layout.count) cells")
        }
        guard minimumPairs >= 2 else { throw ICError.invalidParameter("minimumPairs \(minimumPairs) must be ≥ 2") }
        if factor.contains(where: { $0.isInfinite }) { throw ICError.nonFiniteInput("factor") }
        if forwardReturns.contains(where: { $0.isInfinite }) { throw ICError.nonFiniteInput("forward returns") }
        let G = groups.names.count, T = layout.dateCount
        var ics = [[Double]](repeating: [Double](repeating: .nan, count: T), count: G)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: T), count: G)
        var xs = [[Double]](repeating: [], count: G), ys = xs
        for t in 0..<T {
            for g in 0..<G { xs[g].removeAll(keepingCapacity: true); ys[g].removeAll(keepingCapacity: true) }
            for a in 0..<layout.assetCount {
                let i = layout.index(asset: a, date: t)
                let g = groups.codes[i]
                guard g >= 0, !factor[i].isNaN, !forwardReturns[i].isNaN else { continue }
                xs[g].append(factor[i]); ys[g].append(forwardReturns[i])
            }
            for g in 0..<G {
                counts[g][t] = xs[g].count
                if xs[g].count >= minimumPairs {
                    ics[g][t] = try compute(factor: xs[g], forwardReturns: ys[g], method: method)
                }
            }
        }
        return (0..<G).map { g in
            GroupIC(code: g, name: groups.names[g], ics: ics[g], pairCounts: counts[g], summary: ICSummary(ics[g], overlap: overlap))
        }
    }
}
