import Foundation

/// A causal exposure overlay on a strategy's return series (the risk-control paper's constraints):
/// a volatility target and a drawdown brake. The un-invested part earns 0 and changing exposure
/// is not charged, so the overlaid return of period `d` is `e_d · r_d`.
///
/// Exposure of period `d` uses only returns before `d` (known at the close of `d − 1`):
/// * volatility target σ*: `e = min(1, σ* / σ̂_d)`, where `σ̂_d` is the sample standard deviation
///   (ddof 1, NaN skipped) of the strategy's own un-overlaid returns `r_(d−L) … r_(d−1)`, annualised
///   by `√periodsPerYear`; full exposure while `d < L` or when `σ̂_d` is 0 or NaN;
/// * drawdown brake `b < 0`: `e` is multiplied by `brakeExposure` (default ½) while the overlaid
///   wealth's drawdown after period `d − 1` (from its running peak, initial capital 1 included) is
///   below `b`.
public struct RiskOverlay: Sendable, Equatable {
    /// Annualised volatility target (`nil` = off).
    public var volatilityTarget: Double?
    /// Trailing periods `L` of the volatility estimate.
    public var volatilityLookback: Int
    /// Drawdown (negative, e.g. −0.10) beyond which exposure is cut (`nil` = off).
    public var drawdownBrake: Double?
    /// Exposure multiplier while the brake is on.
    public var brakeExposure: Double
    /// Annualisation of the volatility estimate.
    public var periodsPerYear: Double

    /// Defaults leave the overlay off (no target, no brake); settings are validated by `apply`.
    public init(volatilityTarget: Double? = nil, volatilityLookback: Int = 20, drawdownBrake: Double? = nil,
                brakeExposure: Double = 0.5, periodsPerYear: Double = 252) {
        self.volatilityTarget = volatilityTarget
        self.volatilityLookback = volatilityLookback
        self.drawdownBrake = drawdownBrake
        self.brakeExposure = brakeExposure
        self.periodsPerYear = periodsPerYear
    }

    /// Whether the overlay changes anything.
    public var isActive: Bool { volatilityTarget != nil || drawdownBrake != nil }

    func validate() throws(RiskError) {
        if let v = volatilityTarget, !(v.isFinite && v > 0) {
            throw .invalidParameter(name: "volatilityTarget", reason: "must be finite and > 0 (got \(v))")
        }
        guard volatilityLookback >= 2 else {
            throw .invalidParameter(name: "volatilityLookback", reason: "must be ≥ 2 (got \(volatilityLookback))")
        }
        if let b = drawdownBrake, !(b > -1 && b < 0) {
            throw .invalidParameter(name: "drawdownBrake", reason: "must be in (−1, 0) (got \(b))")
        }
        guard brakeExposure >= 0, brakeExposure <= 1 else {
            throw .invalidParameter(name: "brakeExposure", reason: "must be in [0, 1] (got \(brakeExposure))")
        }
        try checkAnnualization(periodsPerYear)
    }

    /// The exposure `e_d` of every period and the overlaid returns `e_d · r_d` (a NaN return stays
    /// NaN and counts as 0 % for the wealth path). Throws for ±inf returns or invalid settings.
    public func apply(_ returns: [Double]) throws(RiskError) -> (exposure: [Double], returns: [Double]) {
        try validate()
        try checkFinite(returns, "returns")
        guard isActive else { return ([Double](repeating: 1, count: returns.count), returns) }
        let annualise = periodsPerYear.squareRoot()
        var exposure: [Double] = [], out: [Double] = []
        exposure.reserveCapacity(returns.count); out.reserveCapacity(returns.count)
        var wealth = 1.0, peak = 1.0
        for d in returns.indices {
            var e = 1.0
            if let target = volatilityTarget, d >= volatilityLookback {
                let vol = Statistics.standardDeviation(returns[(d - volatilityLookback)..<d], ddof: 1) * annualise
                if vol > 0 { e = min(1, target / vol) }
            }
            if let brake = drawdownBrake, wealth / peak - 1 < brake { e *= brakeExposure }
            let x = e * returns[d]
            exposure.append(e)
            out.append(x)
            if !x.isNaN { wealth *= 1 + x }
            peak = max(peak, wealth)
        }
        return (exposure, out)
    }
}
