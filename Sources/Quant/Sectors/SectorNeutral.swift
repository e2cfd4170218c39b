/// Sector-neutral cross-sectional preprocessing: MAD winsorisation and z-scoring within each
/// group's members on each date (see Docs/Fundamentals.md).
public enum SectorNeutral {
    /// What a group with too few finite values on a date produces.
    public enum SmallGroupRule: String, Sendable {
        /// `NaN` for every member (default): a scale cannot be estimated, so the members are
        /// left out of whatever ranks or regresses the result.
        case nan
        /// 0 for members with a finite value (the group mean of a z-score), `NaN` for the others.
        case zero
    }

    /// For each date and each group, ``MADWinsorizer/apply(_:)`` (skipped when `winsorizer` is
    /// nil) then ``ZScore/apply(_:)`` on the group's members' values. Asset-major in and out.
    ///
    /// Unknown group (−1) and non-finite inputs give `NaN`. A group with fewer than
    /// `minimumGroupSize` finite values that date follows `smallGroups`. Defaults: the spec MAD
    /// winsoriser (median ± 3·1.4826·MAD, clip), ZScore with ddof 0 and `NaN` for a constant
    /// group, minimum size 3, small groups `NaN`.
    ///
    /// - Precondition: `values.count == groups.layout.count`, `minimumGroupSize ≥ 1`.
    public static func standardize(_ values: [Double], groups: GroupCodes,
                                   winsorizer: MADWinsorizer? = MADWinsorizer(), zscore: ZScore = ZScore(),
                                   minimumGroupSize: Int = 3, smallGroups: SmallGroupRule = .nan) -> [Double] {
        let layout = groups.layout
        precondition(values.count == layout.count, "SectorNeutral: \(values.count) values for \(layout.count) cells")
        precondition(minimumGroupSize >= 1, "SectorNeutral: minimumGroupSize \(minimumGroupSize) must be ≥ 1")
        var out = layout.filled(.nan)
        var members = [[Int]](repeating: [], count: groups.names.count)
        for t in 0..<layout.dateCount {
            for g in members.indices { members[g].removeAll(keepingCapacity: true) }
            for a in 0..<layout.assetCount {
                let i = layout.index(asset: a, date: t)
                if groups.codes[i] >= 0 { members[groups.codes[i]].append(i) }
            }
            for cells in members where !cells.isEmpty {
                let x = cells.map { values[$0] }
                let finite = x.filter { $0.isFinite }.count
                let y: [Double]
                if finite < minimumGroupSize {
                    y = x.map { smallGroups == .zero && $0.isFinite ? 0 : .nan }
                } else {
                    y = zscore.apply(winsorizer?.apply(x) ?? x)
                }
                for (k, i) in cells.enumerated() { out[i] = y[k] }
            }
        }
        return out
    }
}
