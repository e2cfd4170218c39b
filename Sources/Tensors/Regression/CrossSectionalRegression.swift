import CBLAS
import Synchronization
import RealModule

/// One date's cross-section: a response and its regressors (rows with NaN are dropped).
public struct RegressionCrossSection: Sendable {
    /// The response, one entry per asset.
    public var y: [Double]
    /// The regressors, one row per asset.
    public var design: RegressionDesign

    /// Stores the pair as given; rows with NaN are dropped when fitting, not here.
    public init(y: [Double], design: RegressionDesign) {
        self.y = y
        self.design = design
    }
}

/// The compact outcome of one cross-sectional fit (no residual vectors, to keep T fits small).
public struct CrossSectionFit: Sendable {
    /// Regressor names (`const` first with an intercept).
    public let names: [String]
    /// Estimated coefficients, indexed like ``names`` (NaN for aliased columns).
    public let coefficients: [Double]
    /// Standard errors under the model's covariance estimator.
    public let standardErrors: [Double]
    /// Coefficient / standard error (t, or z for robust covariances).
    public let tValues: [Double]
    /// Two-sided p-values (Student t for classical covariance, normal for robust ones).
    public let pValues: [Double]
    /// 1 − SSR/TSS, TSS centred with a constant, uncentred without (statsmodels).
    public let rSquared: Double
    /// R² adjusted for the degrees of freedom used.
    public let adjustedRSquared: Double
    /// Observations used after dropping rows with NaN.
    public let nobs: Int
    /// Numerical rank of the design (including the constant).
    public let rank: Int

    init(_ r: RegressionResult) {
        names = r.names; coefficients = r.coefficients; standardErrors = r.standardErrors
        tValues = r.tValues; pValues = r.pValues; rSquared = r.rSquared; adjustedRSquared = r.adjustedRSquared
        nobs = r.nobs; rank = r.rank
    }
}

/// Fama–MacBeth summary of a series of cross-sectional coefficient estimates.
public struct FamaMacBethSummary: Sendable {
    /// Regressor names.
    public let names: [String]
    /// Time-series mean of each coefficient over the dates that estimated it.
    public let meanCoefficients: [Double]
    /// Newey–West standard error of each mean: √(Ŝ/T) with Ŝ the Bartlett-weighted long-run
    /// variance (lags `lags`, weights 1 − l/(L+1), divisor T) of the coefficient series.
    public let standardErrors: [Double]
    /// mean / standard error.
    public let tValues: [Double]
    /// Number of dates used for each coefficient.
    public let periods: [Int]
    /// Newey–West lag count.
    public let lags: Int
}

/// Batched cross-sectional regressions (one independent fit per date) and Fama–MacBeth.
///
/// Dates are fitted in parallel with ``Parallel/forEach(chunkCount:threads:_:)`` on
/// `BLAS.threads` threads. Because each fit is small, OpenBLAS itself is switched to one
/// thread for the duration of the batch (``BLAS/withThreads(_:_:)``; nested BLAS threading
/// would oversubscribe the cores) and restored afterwards. The setting is process-global,
/// so do not run other BLAS-heavy work concurrently with a batch.
public struct CrossSectionalRegression: Sendable {
    /// The per-date model (intercept, covariance, refinement, …; weights are not supported per date).
    public var model: LinearRegression

    /// Per-date weights are not supported (precondition). For speed over many small fits, the
    /// condition number is skipped and the Gram fast path (QR fallback when ill-conditioned) allowed.
    public init(model: LinearRegression = LinearRegression()) {
        precondition(model.weights == nil, "CrossSectionalRegression: per-date weights are not supported")
        self.model = model
        self.model.computesConditionNumber = false  // not part of CrossSectionFit
        self.model.allowsNormalEquations = true  // Gram fast path; QR when κ̂₁(R) > 100
    }

    /// Fits every section; rows whose response or any regressor is NaN are dropped per date.
    /// A date that cannot be fitted (too few rows, ±Inf, constant regressor) yields its error.
    public func fit(_ sections: [RegressionCrossSection]) -> [Result<CrossSectionFit, RegressionError>] {
        let results = ConcurrentSlots<Result<CrossSectionFit, RegressionError>>(count: sections.count)
        let threads = BLAS.threads
        // Contiguous chunks of dates, 8 per thread: each chunk is still many fits (Parallel's
        // coarse-grain contract) but a descheduled thread on a busy machine delays less work.
        let chunks = min(sections.count, threads * 8)
        BLAS.withThreads(1) {
            Parallel.forEach(chunkCount: chunks, threads: threads) { chunk in
                for t in Parallel.range(ofChunk: chunk, count: sections.count, chunkCount: chunks) {
                    results.set(t, fitOne(sections[t]))
                }
            }
        }
        return results.values()
    }

    private func fitOne(_ s: RegressionCrossSection) -> Result<CrossSectionFit, RegressionError> {
        do {
            guard s.design.rows == s.y.count else {
                throw RegressionError.mismatchedLengths(what: "design rows", expected: s.y.count, found: s.design.rows)
            }
            let n = s.y.count, k = s.design.columns
            // Σ|x| is NaN iff a NaN is present (or +Inf and −Inf meet): scan rows only then.
            let hasNaN = n > 0 && s.design.values.withUnsafeBufferPointer { v in
                (0..<k).contains { j in cblas_dasum(blasint(n), v.baseAddress! + j * n, 1).isNaN }
            } || s.y.withUnsafeBufferPointer { cblas_dasum(blasint(n), $0.baseAddress!, 1).isNaN }
            if !hasNaN {
                return .success(CrossSectionFit(try model.fit(y: s.y, design: s.design)))
            }
            var missing = s.y.map(\.isNaN)
            s.design.values.withUnsafeBufferPointer { v in
                for j in 0..<k { for i in 0..<n where v[j * n + i].isNaN { missing[i] = true } }
            }
            let keep = (0..<n).filter { !missing[$0] }
            return .success(CrossSectionFit(try model.fit(y: keep.map { s.y[$0] }, design: s.design.selectingRows(keep))))
        } catch let error as RegressionError {
            return .failure(error)
        } catch {
            return .failure(.invalidOption("\(error)"))
        }
    }

    /// Fama–MacBeth: mean of each coefficient across the successful fits, with Newey–West
    /// standard errors of the mean (`lags` = 0 gives the classic s/√T with divisor T).
    public static func famaMacBeth(_ fits: [CrossSectionFit], lags: Int = 0) -> FamaMacBethSummary {
        precondition(lags >= 0, "famaMacBeth: lags must be ≥ 0")
        let names = fits.first?.names ?? []
        var means = [Double](), ses = [Double](), ts = [Double](), counts = [Int]()
        for j in names.indices {
            let series = fits.map { $0.coefficients[j] }.filter { !$0.isNaN }
            let t = series.count
            counts.append(t)
            guard t > 0 else { means.append(.nan); ses.append(.nan); ts.append(.nan); continue }
            let mean = series.reduce(0, +) / Double(t)
            let d = series.map { $0 - mean }
            var s = d.reduce(0) { $0 + $1 * $1 } / Double(t)
            if lags > 0 && t > 1 {
                for l in 1...min(lags, t - 1) {
                    var g = 0.0
                    for i in l..<t { g += d[i] * d[i - l] }
                    s += 2 * (1 - Double(l) / Double(lags + 1)) * g / Double(t)
                }
            }
            let se = (s / Double(t)).squareRoot()
            means.append(mean); ses.append(se); ts.append(mean / se)
        }
        return FamaMacBethSummary(names: names, meanCoefficients: means, standardErrors: ses, tValues: ts,
                                  periods: counts, lags: lags)
    }
}

/// Per-index result slots written from concurrent iterations (each index written once).
final class ConcurrentSlots<Value: Sendable>: Sendable {
    private let storage: Mutex<[Value?]>
    init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ value: Value) { storage.withLock { $0[i] = value } }
    func values() -> [Value] { storage.withLock { $0.map { $0! } } }
}
