/// Which side(s) of the score ranking a portfolio holds.
public enum PortfolioSide: String, Sendable, Equatable, CaseIterable {
    /// The `k` highest scores, weights sum to +1.
    case long
    /// The `k` lowest scores, weights sum to −1.
    case short
    /// Long the `k` highest (+1) and short the `k` lowest (−1): dollar neutral, gross 2.
    case longShort = "long-short"
}

/// How weights are spread within one leg.
public enum WeightScheme: String, Sendable, Equatable, CaseIterable {
    /// `1/k` per name.
    case equal
    /// Proportional to the score within the leg (long: `s_i/Σs`, all selected scores must be > 0;
    /// short: `s_i/Σs` over negative scores). Falls back to equal weights when a leg's scores do
    /// not all have the leg's sign, so weights never flip sign.
    case score
}

/// Cross-sectional portfolio construction from one row of scores (one date).
///
/// NaN scores are never selected. Ties are broken by the lower asset index, so selection is
/// deterministic. When fewer than `k` assets have a score, all of them are selected.
public enum PortfolioSelection {
    /// Indices of the `k` highest non-NaN scores, best first.
    public static func topK(_ scores: [Double], k: Int) -> [Int] {
        ranked(scores, descending: true).prefix(max(k, 0)).map { $0 }
    }

    /// Indices of the `k` lowest non-NaN scores, worst first.
    public static func bottomK(_ scores: [Double], k: Int) -> [Int] {
        ranked(scores, descending: false).prefix(max(k, 0)).map { $0 }
    }

    static func ranked(_ scores: [Double], descending: Bool) -> [Int] {
        scores.indices.filter { !scores[$0].isNaN }.sorted { a, b in
            let x = scores[a], y = scores[b]
            if x != y { return descending ? x > y : x < y }
            return a < b
        }
    }

    /// Target weights for one date: `side` picks the legs, `scheme` the weights within a leg.
    /// For `.longShort` the two legs never share an asset (the short leg takes the lowest scores not
    /// already long). Throws for `k < 1` or a non-finite score.
    public static func weights(_ scores: [Double], k: Int, side: PortfolioSide = .long,
                               scheme: WeightScheme = .equal) throws(RiskError) -> [Double] {
        guard k >= 1 else { throw .invalidParameter(name: "k", reason: "must be ≥ 1 (got \(k))") }
        try checkFinite(scores, "scores")
        var w = [Double](repeating: 0, count: scores.count)
        var longs: [Int] = []
        if side != .short {
            longs = topK(scores, k: k)
            assign(&w, longs, scores, sign: 1, scheme: scheme)
        }
        if side != .long {
            let taken = Set(longs)
            let shorts = Array(ranked(scores, descending: false).lazy.filter { !taken.contains($0) }.prefix(k))
            assign(&w, shorts, scores, sign: -1, scheme: scheme)
        }
        return w
    }

    /// Equal weights on `k` names per leg drawn uniformly without replacement from `eligible`
    /// (partial Fisher–Yates with `generator`): the null model a score-ranked portfolio is judged
    /// against. `.longShort` draws `2k` names, the first half long (+1), the rest short (−1).
    /// Fewer eligible names than needed → all of them; none → all-zero weights (cash).
    public static func randomWeights(eligible: [Int], assetCount n: Int, k: Int, side: PortfolioSide = .long,
                                     using generator: inout some RandomNumberGenerator) -> [Double] {
        var pool = eligible
        let take = min(max(k, 0) * (side == .longShort ? 2 : 1), pool.count)
        for m in 0..<take {
            let r = m + Int(generator.next(upperBound: UInt64(pool.count - m)))
            pool.swapAt(m, r)
        }
        var w = [Double](repeating: 0, count: n)
        switch side {
        case .long: assign(&w, Array(pool[0..<take]), [], sign: 1, scheme: .equal)
        case .short: assign(&w, Array(pool[0..<take]), [], sign: -1, scheme: .equal)
        case .longShort:
            let half = (take + 1) / 2
            assign(&w, Array(pool[0..<half]), [], sign: 1, scheme: .equal)
            assign(&w, Array(pool[half..<take]), [], sign: -1, scheme: .equal)
        }
        return w
    }

    /// Writes one leg with total weight `sign`.
    static func assign(_ w: inout [Double], _ leg: [Int], _ scores: [Double], sign: Double, scheme: WeightScheme) {
        guard !leg.isEmpty else { return }
        let useScores = scheme == .score && leg.allSatisfy { scores[$0] * sign > 0 }
        if useScores {
            let total = leg.reduce(0.0) { $0 + scores[$1] * sign }
            for i in leg { w[i] = sign * (scores[i] * sign) / total }
        } else {
            for i in leg { w[i] = sign / Double(leg.count) }
        }
    }
}
