/// Factor selection rules.
public enum FactorScreening {
    /// The outcome of the per-asset significance rule for one factor.
    public struct AssetRuleResult: Sendable, Equatable {
        /// Factor name (the key of the input dictionary).
        public let factor: String
        /// Assets whose time-series IC has p < alpha.
        public let significantAssets: Int
        /// Assets with a computable test (non-NaN p-value).
        public let testedAssets: Int
        /// significantAssets / total assets given.
        public let share: Double
        /// Whether `share` ≥ `minShare`, i.e. the factor passes the rule.
        public let kept: Bool
    }

    /// Yang (2024): test each factor on each stock separately (time-series IC, t-test) and keep
    /// the factor when it is significant (p < `alpha`) for at least `minShare` of the stocks
    /// (the paper: more than 190 of 212). Results are in the input's key order, sorted by name.
    public static func perAssetSignificance(_ tests: [String: [AssetIC]], alpha: Double = 0.05,
                                            minShare: Double = 190.0 / 212.0) -> [AssetRuleResult] {
        tests.keys.sorted().map { name in
            let t = tests[name]!
            let sig = t.filter { $0.pValue < alpha }.count
            let tested = t.filter { !$0.pValue.isNaN }.count
            let share = t.isEmpty ? 0 : Double(sig) / Double(t.count)
            return AssetRuleResult(factor: name, significantAssets: sig, testedAssets: tested, share: share,
                                   kept: !t.isEmpty && share >= minShare)
        }
    }

    /// Factors whose |mean IC| ≥ `minAbsMeanIC` and |ICIR| ≥ `minAbsICIR` (sorted by name).
    public static func thresholds(_ summaries: [String: ICSummary], minAbsMeanIC: Double = 0.02,
                                  minAbsICIR: Double = 0.3) -> [String] {
        summaries.keys.sorted().filter { k in
            let s = summaries[k]!
            return abs(s.mean) >= minAbsMeanIC && abs(s.icir) >= minAbsICIR
        }
    }

    /// Greedy pruning of mutually correlated factors. `ranked` lists factor names best first;
    /// a factor is kept unless its mean cross-sectional Spearman correlation with an already
    /// kept factor exceeds `maxAbsCorrelation` in absolute value. Returns the kept names and,
    /// for each dropped one, the kept factor it duplicated and their correlation.
    public static func pruneCorrelated(_ factors: [String: Panel], ranked: [String], maxAbsCorrelation: Double = 0.7)
    throws -> (kept: [String], dropped: [(factor: String, because: String, correlation: Double)]) {
        var kept: [String] = []
        var dropped: [(String, String, Double)] = []
        for name in ranked {
            guard let p = factors[name] else { throw ICError.invalidParameter("unknown factor '\(name)'") }
            var clash: (String, Double)?
            for k in kept {
                let s = try InformationCoefficient.crossSectional(factor: p, forwardReturns: factors[k]!, method: .spearman)
                let c = Statistics.mean(s.values)
                if abs(c) > maxAbsCorrelation { clash = (k, c); break }
            }
            if let clash { dropped.append((name, clash.0, clash.1)) } else { kept.append(name) }
        }
        return (kept, dropped)
    }
}
