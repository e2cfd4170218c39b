/// Outlier handling with the median absolute deviation (MAD).
///
/// Bounds are `median ± k · consistency · MAD`, where MAD = median(|x − median(x)|) over the
/// non-missing values. NaN stays NaN; ±inf is treated as missing (returned as NaN, and
/// excluded from the median and MAD), as jqfactor's `winsorize_med` does.
public struct MADWinsorizer: Sendable, Equatable {
    /// What happens to a value outside the bounds.
    public enum Mode: String, Sendable {
        /// Clip to the nearest bound (the usual winsorisation; jqfactor `winsorize_med`).
        case clip
        /// Replace by the median: the rule of Yang (2024, "LSTM in multi-factor investment"),
        /// "data with absolute deviation greater than k times the MAD is replaced with the median".
        case replaceWithMedian
    }
    /// What happens when MAD = 0 (more than half the values equal the median).
    public enum ZeroMAD: String, Sendable {
        /// Leave the data unchanged (the spec default; no scale, no outlier).
        case unchanged
        /// Clip everything to the median, as jqfactor does (bounds collapse to the median).
        case clipToMedian
    }

    /// Width multiplier (default 3).
    public var k: Double
    /// MAD consistency constant: 1.4826 (R `mad`, default), 1.482602218505602 (scipy `'normal'`),
    /// or 1 (raw MAD: jqfactor with `scale = k`, and the paper's rule).
    public var consistency: Double
    /// Clip outliers to the bounds, or replace them by the median.
    public var mode: Mode
    /// Behaviour when MAD = 0.
    public var zeroMAD: ZeroMAD

    /// The spec default: clip to median ± 3·1.4826·MAD, MAD = 0 leaves data unchanged.
    public init(k: Double = 3, consistency: Double = 1.4826, mode: Mode = .clip, zeroMAD: ZeroMAD = .unchanged) {
        precondition(k > 0 && consistency > 0, "MADWinsorizer: k \(k) and consistency \(consistency) must be > 0")
        self.k = k; self.consistency = consistency; self.mode = mode; self.zeroMAD = zeroMAD
    }

    /// The paper's rule: |x − median| > k·MAD (raw MAD, k = 3) ⇒ x := median.
    public static let paper = MADWinsorizer(k: 3, consistency: 1, mode: .replaceWithMedian)

    /// Statistics fitted on a sample, applicable to other data (fit/apply split).
    public struct Fitted: Sendable, Equatable {
        /// Median of the fitting sample (NaN if it had no finite values).
        public let median: Double
        /// Unscaled MAD of the fitting sample.
        public let mad: Double
        /// The settings (k, consistency, mode, zero-MAD rule) the bounds are applied with.
        public let winsorizer: MADWinsorizer

        /// Applies the fitted bounds to `x` (NaN and ±inf become NaN).
        public func apply<C: Collection>(_ x: C) -> [Double] where C.Element == Double {
            let w = winsorizer
            guard !median.isNaN else { return x.map { $0.isFinite ? $0 : .nan } }
            if mad == 0 && w.zeroMAD == .unchanged { return x.map { $0.isFinite ? $0 : .nan } }
            let half = w.k * w.consistency * mad
            let lo = median - half, hi = median + half
            return x.map { v in
                guard v.isFinite else { return .nan }
                if v >= lo && v <= hi { return v }
                switch w.mode {
                case .clip: return v < lo ? lo : hi
                case .replaceWithMedian: return median
                }
            }
        }
    }

    /// Fits median and MAD on the finite values of `x`.
    public func fit<C: Collection>(_ x: C) -> Fitted where C.Element == Double {
        let finite = x.filter { $0.isFinite }
        return Fitted(median: Statistics.median(finite), mad: Statistics.medianAbsoluteDeviation(finite), winsorizer: self)
    }

    /// Fits on `x` and applies to `x` (the cross-sectional use).
    public func apply<C: Collection>(_ x: C) -> [Double] where C.Element == Double { fit(x).apply(x) }
}
