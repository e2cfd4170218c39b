import Foundation

/// Parameters of a tear sheet.
public struct TearSheetOptions: Sendable, Equatable {
    /// Number of equal-count factor quantiles per date (alphalens `quantiles`, default 5).
    public var quantiles: Int
    /// Forward-return horizons in trading days (alphalens `periods`, default 1, 5, 10). The
    /// cumulative-return curves need horizon 1.
    public var horizons: [Int]
    /// Demean forward returns per date before averaging by quantile (alphalens `long_short`,
    /// default true); factor weights are always demeaned.
    public var demeaned: Bool
    /// Worker threads (nil = all cores). Results do not depend on it.
    public var threads: Int?

    /// Creates options.
    public init(quantiles: Int = 5, horizons: [Int] = [1, 5, 10], demeaned: Bool = true, threads: Int? = nil) {
        self.quantiles = quantiles
        self.horizons = horizons
        self.demeaned = demeaned
        self.threads = threads
    }
}
