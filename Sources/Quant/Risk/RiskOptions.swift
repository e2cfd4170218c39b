import Foundation

/// A per-period rate (risk-free rate or minimum acceptable return) subtracted from returns.
public enum PeriodRate: Sendable, Equatable {
    /// A constant rate per period (empyrical and PerformanceAnalytics convention).
    case perPeriod(Double)
    /// A constant annual rate, converted to `(1 + a)^(1/A) − 1` per period (quantstats convention,
    /// without its "rates ≤ 0 are ignored" quirk).
    case annual(Double)
    /// One rate per period, aligned with the returns (NaN makes that period missing).
    case series([Double])

    /// Zero.
    public static let zero = PeriodRate.perPeriod(0)

    /// The rate for period `i` given `periodsPerYear`.
    @inline(__always)
    func value(at i: Int, periodsPerYear: Double) -> Double {
        switch self {
        case let .perPeriod(r): return r
        case let .annual(a): return PeriodRate.perPeriodRate(annual: a, periodsPerYear: periodsPerYear)
        case let .series(s): return s[i]
        }
    }

    /// `(1 + annual)^(1/periodsPerYear) − 1`.
    public static func perPeriodRate(annual: Double, periodsPerYear: Double) -> Double {
        periodsPerYear == 1 ? annual : pow(1 + annual, 1 / periodsPerYear) - 1
    }

    /// Validates the rate against a series of `count` returns.
    func validate(count: Int, name: String) throws(RiskError) {
        switch self {
        case let .perPeriod(r), let .annual(r):
            guard r.isFinite else { throw .invalidParameter(name: name, reason: "must be finite (got \(r))") }
        case let .series(s):
            guard s.count == count else { throw .lengthMismatch(what: name, expected: count, found: s.count) }
            try checkFinite(s, name)
        }
    }

    /// `returns − rate`, NaN where either is NaN.
    func subtracted(from returns: [Double], periodsPerYear: Double) -> [Double] {
        switch self {
        case .series(let s): return zip(returns, s).map { $0 - $1 }
        default:
            let r = value(at: 0, periodsPerYear: periodsPerYear)
            return r == 0 ? returns : returns.map { $0 - r }
        }
    }
}

/// Which periods count in the exponent `A/n` of the annual return (CAGR).
public enum PeriodCount: Sendable, Equatable {
    /// Every period, NaN included (empyrical `annual_return`). Default.
    case all
    /// Only non-NaN periods (PerformanceAnalytics `Return.annualized`, quantstats `cagr`).
    case validOnly
}

/// What a ratio returns when its denominator (dispersion or downside) is exactly zero.
public enum ZeroDispersion: Sendable, Equatable {
    /// ±inf by the sign of the numerator, NaN if the numerator is 0 (empyrical 0.7.1, PerformanceAnalytics). Default.
    case infinity
    /// NaN (quantstats Sortino).
    case nan
}

/// The numerator of the Sharpe ratio.
public enum SharpeMean: Sendable, Equatable {
    /// `mean(r − rf)·A / (s·√A)` (empyrical, PerformanceAnalytics ≥ 2.1.0). Default.
    case arithmetic
    /// `(∏(1 + r − rf))^(A/n) − 1` over `s·√A` (PerformanceAnalytics ≤ 2.0.x `SharpeRatio.annualized` default).
    case geometric
}

/// Which observations the downside deviation averages over.
public enum DownsideMethod: Sendable, Equatable {
    /// All non-NaN observations, upside counted as 0 (empyrical, PA `method="full"`). Default.
    case full
    /// Only the observations below the target (PA `method="subset"`).
    case belowTargetOnly
}

/// How wealth accumulates for drawdowns.
public enum Compounding: Sendable, Equatable {
    /// `W_t = ∏(1 + r_i)` (empyrical, quantstats, PA default). Default.
    case geometric
    /// `W_t = 1 + Σ r_i` (PA `geometric=FALSE`).
    case arithmetic
}

/// The sign in which a loss measure is reported.
public enum LossSign: Sendable, Equatable {
    /// As a return: negative = loss (empyrical, quantstats). Default.
    case negative
    /// As a positive loss magnitude (PA `maxDrawdown`, PA `VaR(invert=FALSE)`).
    case positive
}

/// NaN handling where empyrical propagates.
public enum NaNPolicy: Sendable, Equatable {
    /// Any NaN makes the result NaN (empyrical `value_at_risk`). Default for VaR.
    case propagate
    /// NaN observations are dropped first (PerformanceAnalytics `na.rm=TRUE`, numpy `nanpercentile`).
    case omit
}

/// What the Calmar ratio returns when there is no drawdown.
public enum CalmarNoDrawdown: Sendable, Equatable {
    /// NaN (empyrical). Default.
    case nan
    /// `+inf` for a positive annual return (PerformanceAnalytics).
    case infinity
}

/// The tail rule for historical CVaR (expected shortfall).
public enum CVaRRule: Sendable, Equatable {
    /// Mean of the `⌊(n−1)c⌋ + 1` smallest observations (empyrical). Default.
    case orderStatistic
    /// Mean of the observations `≤` the type-7 quantile (quantstats `method="historical"`).
    case lessOrEqualQuantile
    /// Mean of the observations `<` the type-7 quantile, or the quantile if none (PA `ES(method="historical")`).
    case strictlyBelowQuantile
    /// Acerbi–Tasche: `(Σ_{i<⌊nc⌋} x_(i) + (nc − ⌊nc⌋)·x_(⌊nc⌋)) / (nc)`.
    case exact
}

/// Post-processing that reproduces PerformanceAnalytics' VaR/ES outputs.
public enum TailClamp: Sendable, Equatable {
    /// No clamping. Default.
    case none
    /// A gain (result > 0) becomes NaN (PA "inverse risk" NA); a loss beyond −100 % is capped at −1 (VaR and ES).
    case performanceAnalytics
}
