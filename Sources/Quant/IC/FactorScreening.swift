/// Factor selection rules.
public enum FactorScreening {
    /// The first paper's per-asset rule, defined once: a factor is kept when its time-series IC is
    /// significant (two-sided p < `alpha`) for at least `minShare` of **all** the assets screened
    /// (Yang 2024: more than 190 of 212 stocks). An asset whose test cannot be computed (too few
    /// observations, constant series) counts as not significant: missing data never helps a factor.
    public struct PaperRule: Sendable, Equatable, Codable {
        /// Significance level of each per-asset test (default 0.05).
        public var alpha: Double
        /// Share of the assets that must pass (default 190/212 ≈ 0.896).
        public var minShare: Double

        /// Creates the rule.
        public init(alpha: Double = 0.05, minShare: Double = 190.0 / 212.0) {
            self.alpha = alpha
            self.minShare = minShare
        }

        /// Whether a p-value counts as significant (NaN does not).
        public func isSignificant(pValue p: Double) -> Bool { p < alpha }

        /// `significant / assets` (0 when there are no assets).
        public func share(significant: Int, assets: Int) -> Double { assets > 0 ? Double(significant) / Double(assets) : 0 }

        /// Whether a factor significant for `significant` of `assets` assets passes.
        public func passes(significant: Int, assets: Int) -> Bool {
            assets > 0 && share(significant: significant, assets: assets) >= minShare
        }
    }

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
    /// the factor by ``PaperRule`` (significant for at least `minShare` of the stocks given).
    /// Results are in the input's key order, sorted by name.
    public static func perAssetSignificance(_ tests: [String: [AssetIC]], alpha: Double = 0.05,
                                            minShare: Double = 190.0 / 212.0) -> [AssetRuleResult] {
        tests.keys.sorted().map { name in
            let t = tests[name]!
            let rule = PaperRule(alpha: alpha, minShare: minShare)
            let sig = t.filter { rule.isSignificant(pValue: $0.pValue) }.count
            let tested = t.filter { !$0.pValue.isNaN }.count
            return AssetRuleResult(factor: name, significantAssets: sig, testedAssets: tested,
                                   share: rule.share(significant: sig, assets: t.count),
                                   kept: rule.passes(significant: sig, assets: t.count))
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
