/// Cross-sectional (one date, all assets) transforms.
public enum CrossSection {
    /// How ranks are scaled by ``rank(_:scale:)``.
    public enum RankScale: String, Sendable {
        /// 1…n average ranks.
        case raw
        /// rank / n in (0, 1] (pandas `rank(pct=True)`).
        case percentile
        /// (rank − 1)/(n − 1) − 0.5 in [−0.5, 0.5], centred (a common neutral signal).
        case centered
    }

    /// Average ranks of the non-missing values (±inf treated as missing), scaled as asked.
    public static func rank(_ x: [Double], scale: RankScale = .raw) -> [Double] {
        let clean = x.map { $0.isFinite ? $0 : .nan }
        let r = Statistics.averageRanks(clean)
        let n = Double(clean.filter { !$0.isNaN }.count)
        switch scale {
        case .raw: return r
        case .percentile: return r.map { $0 / n }
        case .centered: return r.map { n > 1 ? ($0 - 1) / (n - 1) - 0.5 : ($0.isNaN ? .nan : 0) }
        }
    }

    /// Subtracts the mean of each group (e.g. industry) from its members. `groups[i] == nil`
    /// (unknown group) gives NaN; missing values stay missing and do not enter the means.
    public static func groupDemean(_ x: [Double], groups: [String?]) -> [Double] {
        precondition(x.count == groups.count, "groupDemean: \(x.count) values vs \(groups.count) group labels")
        var sum: [String: (Double, Int)] = [:]
        for (v, g) in zip(x, groups) where v.isFinite {
            if let g { let s = sum[g, default: (0, 0)]; sum[g] = (s.0 + v, s.1 + 1) }
        }
        return zip(x, groups).map { v, g in
            guard v.isFinite, let g, let s = sum[g] else { return .nan }
            return v - s.0 / Double(s.1)
        }
    }
}
