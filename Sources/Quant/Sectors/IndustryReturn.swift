/// The return of an asset's group on each date with the asset itself left out — the "industry
/// return" factor (see Docs/Fundamentals.md).
public enum IndustryReturn {
    /// For each (asset, date): the mean of `returns` at that date over the *other* members of the
    /// asset's group that date — equal-weighted, or weighted by `weights` (e.g. market cap) when
    /// given. Asset-major in and out (`groups.layout`).
    ///
    /// A member counts when its return is finite and, in the weighted form, its weight is finite
    /// and > 0. The result is `NaN` for an unknown group (−1) and when no other member counts. It
    /// uses date-t returns at date t, so it is a contemporaneous (causal, not predictive) quantity;
    /// weights are taken as given at t (pass the previous close's market cap for the group's
    /// buy-and-hold return).
    ///
    /// - Precondition: `returns` (and `weights`) have `groups.layout.count` values.
    public static func excludingSelf(returns: [Double], groups: GroupCodes, weights: [Double]? = nil) -> [Double] {
        let layout = groups.layout
        precondition(returns.count == layout.count, "IndustryReturn: \(returns.count) returns for \(layout.count) cells")
        if let weights { precondition(weights.count == layout.count, "IndustryReturn: \(weights.count) weights for \(layout.count) cells") }
        var out = layout.filled(.nan)
        var members = [[Int]](repeating: [], count: groups.names.count)
        var prefixS: [Double] = [], prefixW: [Double] = []
        for t in 0..<layout.dateCount {
            for g in members.indices { members[g].removeAll(keepingCapacity: true) }
            for a in 0..<layout.assetCount {
                let c = groups.codes[layout.index(asset: a, date: t)]
                if c >= 0 { members[c].append(a) }
            }
            for list in members where !list.isEmpty {
                let n = list.count
                // Leave-one-out sums as prefix + suffix, not total − own term: subtracting a large
                // cap-weighted term from the total would cancel digits.
                prefixS = [Double](repeating: 0, count: n + 1); prefixW = prefixS
                var contribS = [Double](repeating: 0, count: n), contribW = contribS
                for (j, a) in list.enumerated() {
                    let i = layout.index(asset: a, date: t)
                    let r = returns[i], w = weights?[i] ?? 1
                    if r.isFinite && w.isFinite && w > 0 { contribS[j] = w * r; contribW[j] = w }
                    prefixS[j + 1] = prefixS[j] + contribS[j]; prefixW[j + 1] = prefixW[j] + contribW[j]
                }
                var suffixS = 0.0, suffixW = 0.0
                for j in stride(from: n - 1, through: 0, by: -1) {
                    let s = prefixS[j] + suffixS, w = prefixW[j] + suffixW
                    out[layout.index(asset: list[j], date: t)] = w > 0 ? s / w : .nan
                    suffixS += contribS[j]; suffixW += contribW[j]
                }
            }
        }
        return out
    }
}
