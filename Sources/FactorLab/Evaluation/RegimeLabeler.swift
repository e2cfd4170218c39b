import Foundation
import Quant

/// Labels days bull / bear / sideways from a benchmark price series.
///
/// Rule (Quant's `RegimeRule.trailingReturn`): the trailing `lookback`-day (default 63 ≈ one
/// quarter) simple return of the benchmark; at least `+threshold` (default 5 %) is bull, at most
/// `−threshold` is bear, otherwise sideways (also while fewer than `lookback` days are
/// available, or where a level is missing). Labels are descriptive (used to slice evaluation
/// results), not inputs to any model.
public struct RegimeLabeler: Sendable, Equatable, Codable {
    /// Trailing window in days.
    public var lookback: Int = 63
    /// Simple-return threshold (`P_t/P_(t−lookback) − 1`).
    public var threshold: Double = 0.05

    /// Creates a labeler with the defaults above.
    public init(lookback: Int = 63, threshold: Double = 0.05) {
        self.lookback = lookback
        self.threshold = threshold
    }

    /// One label per price (`sideways` where ``knownLabels(prices:)`` has none).
    public func label(prices p: [Double]) -> [MarketRegime] {
        knownLabels(prices: p).map { $0 ?? .sideways }
    }

    /// One label per price, `nil` where the rule cannot decide: during the first `lookback` days, or
    /// where the level today or `lookback` days ago is missing (NaN) or not positive.
    public func knownLabels(prices p: [Double]) -> [MarketRegime?] {
        // Quant's labeller rejects non-positive levels; missing ones are NaN and stay unlabelled.
        let levels = p.map { $0.isFinite && $0 > 0 ? $0 : .nan }
        return (try? RegimeAnalysis.label(levels: levels, rule: .trailingReturn(window: lookback, bull: threshold, bear: -threshold)))
            ?? [MarketRegime?](repeating: nil, count: p.count)
    }
}
