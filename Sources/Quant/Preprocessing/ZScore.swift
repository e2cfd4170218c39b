/// Standardisation (x − mean) / std over the non-missing values.
///
/// Defaults follow scipy/jqfactor: ddof 0; a constant sample gives NaN. ±inf is treated as
/// missing (returned as NaN).
public struct ZScore: Sendable, Equatable {
    /// What a zero standard deviation produces.
    public enum ZeroStd: String, Sendable {
        /// NaN everywhere (the spec default; jqfactor `standardlize`).
        case nan
        /// 0 for every non-missing value.
        case zero
    }
    /// Delta degrees of freedom of the std: 0 (scipy, jqfactor; default) or 1 (pandas).
    public var ddof: Int
    /// Output for a constant sample (std = 0).
    public var zeroStd: ZeroStd

    /// Defaults: ddof 0 and NaN for a constant sample (scipy/jqfactor). Precondition: `ddof` ≥ 0.
    public init(ddof: Int = 0, zeroStd: ZeroStd = .nan) {
        precondition(ddof >= 0, "ZScore: ddof \(ddof) must be ≥ 0")
        self.ddof = ddof; self.zeroStd = zeroStd
    }

    /// Mean and std fitted on a sample, applicable to later data.
    public struct Fitted: Sendable, Equatable {
        /// Mean of the finite values of the fitting sample (NaN if none).
        public let mean: Double
        /// Standard deviation of the fitting sample with the fitting `ddof` (0 or NaN triggers `zeroStd`).
        public let std: Double
        /// Output rule when `std` is 0.
        public let zeroStd: ZeroStd

        /// (x − mean)/std; NaN and ±inf give NaN.
        public func apply<C: Collection>(_ x: C) -> [Double] where C.Element == Double {
            if std == 0 || std.isNaN {
                let fill: Double = (zeroStd == .zero && std == 0) ? 0 : .nan
                return x.map { $0.isFinite ? fill : .nan }
            }
            return x.map { $0.isFinite ? ($0 - mean) / std : .nan }
        }
    }

    /// Fits mean and std (with `ddof`) on the finite values of `x`.
    public func fit<C: Collection>(_ x: C) -> Fitted where C.Element == Double {
        let finite = x.filter { $0.isFinite }
        return Fitted(mean: Statistics.mean(finite), std: Statistics.standardDeviation(finite, ddof: ddof), zeroStd: zeroStd)
    }

    /// Fits on `x` and applies to `x`.
    public func apply<C: Collection>(_ x: C) -> [Double] where C.Element == Double { fit(x).apply(x) }
}
