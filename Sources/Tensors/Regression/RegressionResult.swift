import CBLAS
import RealModule

/// A fitted linear regression with statsmodels-compatible inference.
///
/// Arrays are indexed like ``names`` (the intercept, when fitted, is `const` at index 0).
/// Aliased columns of a rank-deficient design have NaN coefficient, standard error,
/// statistic and p-value, and are listed in ``aliased``.
public struct RegressionResult: Sendable {
    /// Regressor names (`const` first when an intercept is fitted).
    public let names: [String]
    /// Estimated coefficients (NaN for aliased columns).
    public let coefficients: [Double]
    /// Standard errors under ``covarianceType``.
    public let standardErrors: [Double]
    /// Coefficient / standard error (t statistics, or z statistics for robust covariances).
    public let tValues: [Double]
    /// Two-sided p-values: Student t(df_resid) for classical covariance, standard normal for
    /// robust covariances (statsmodels `use_t` defaults).
    public let pValues: [Double]
    /// Coefficient covariance matrix (`p × p`, row-major; NaN rows/columns for aliased columns).
    public let covariance: [Double]
    /// The covariance estimator used.
    public let covarianceType: CovarianceType
    /// Whether inference uses Student t (true) or the normal distribution (false).
    public let usesStudentT: Bool
    /// Number of observations.
    public let nobs: Int
    /// Numerical rank of the design (including the constant).
    public let rank: Int
    /// Names of columns dropped as linearly dependent on earlier pivots.
    public let aliased: [String]
    /// Whether the model has a constant: a fitted intercept, a constant regressor, or (statsmodels'
    /// implicit constant) columns spanning the constant, such as full dummy coding without intercept.
    public let hasConstant: Bool
    /// rank − (1 if constant).
    public let dfModel: Double
    /// n − rank.
    public let dfResid: Double
    /// Σ wᵢeᵢ².
    public let ssr: Double
    /// Σ wᵢ(yᵢ − ȳ_w)².
    public let centeredTSS: Double
    /// Σ wᵢyᵢ².
    public let uncenteredTSS: Double
    /// 1 − SSR/TSS, TSS centred with a constant, uncentred without (statsmodels). NaN when the
    /// response is constant and the model has a constant (TSS = 0), as are adjusted R² and F.
    public let rSquared: Double
    /// 1 − (n − k_const)/df_resid · (1 − R²).
    public let adjustedRSquared: Double
    /// F statistic of all non-constant coefficients being zero (Wald form for robust covariances).
    public let fStatistic: Double
    /// P(F(df_model, df_resid) > F).
    public let fPValue: Double
    /// √(SSR / df_resid).
    public let residualStandardError: Double
    /// Gaussian log-likelihood (statsmodels `llf`, with ½Σlog wᵢ for WLS).
    public let logLikelihood: Double
    /// −2 llf + 2 rank.
    public let aic: Double
    /// −2 llf + log(n) rank.
    public let bic: Double
    /// √(λmax/λmin) of XᵀX (weighted design), i.e. σmax/σmin of the design (statsmodels).
    public let conditionNumber: Double
    /// yᵢ − xᵢb (unweighted).
    public let residuals: [Double]
    /// xᵢb.
    public let fittedValues: [Double]
    /// Ridge penalty used (0 for OLS/WLS).
    public let ridge: Double
    /// Whether the solution was iteratively refined (every policy but `.never`).
    public let refined: Bool
    /// Whether the covariance came from refined solves rather than from R alone
    /// (see ``RefinementPolicy/automatic``).
    public let covarianceRefined: Bool
    /// Iterative-refinement steps taken.
    public let refinementIterations: Int
    /// Whether refinement met its tolerance (meaningful only when ``refined``).
    public let refinementConverged: Bool
    /// κ̂₁ of the equilibrated design's R factor (drives the refinement switch).
    public let equilibratedConditionEstimate: Double
    /// The rank tolerance applied (relative to |R₁₁|).
    public let rankTolerance: Double

    /// Coefficients keyed by regressor name.
    public var namedCoefficients: [String: Double] { Dictionary(uniqueKeysWithValues: zip(names, coefficients)) }
    /// Standard errors keyed by regressor name.
    public var namedStandardErrors: [String: Double] { Dictionary(uniqueKeysWithValues: zip(names, standardErrors)) }
    /// t (or z) statistics keyed by regressor name.
    public var namedTValues: [String: Double] { Dictionary(uniqueKeysWithValues: zip(names, tValues)) }
    /// p-values keyed by regressor name.
    public var namedPValues: [String: Double] { Dictionary(uniqueKeysWithValues: zip(names, pValues)) }
    /// The coefficient of `name`, if such a regressor exists.
    public func coefficient(_ name: String) -> Double? { names.firstIndex(of: name).map { coefficients[$0] } }

    /// Confidence intervals `b ± q·se` at `level` (e.g. 0.95), with q from t(df_resid) for
    /// classical covariance and from N(0,1) for robust ones (statsmodels `conf_int`).
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        precondition(level > 0 && level < 1, "confidenceIntervals: level must be in (0, 1), got \(level)")
        let p = 1 - (1 - level) / 2
        let q = usesStudentT ? StudentT.quantile(p, df: dfResid)
                             : StandardNormal.quantile(p)
        return zip(coefficients, standardErrors).map { ($0 - q * $1, $0 + q * $1) }
    }

    /// Predictions for new observations of the original regressors (no intercept column:
    /// it is added when the model has one). Aliased columns contribute nothing.
    public func predict(_ design: RegressionDesign) throws -> [Double] {
        let offset = names.first == "const" && names.count == design.columns + 1 ? 1 : 0
        guard design.columns + offset == names.count else {
            throw RegressionError.mismatchedLengths(what: "prediction columns", expected: names.count - offset,
                                                    found: design.columns)
        }
        let n = design.rows
        var out = [Double](repeating: offset == 1 ? coefficients[0] : 0, count: n)
        for j in 0..<design.columns {
            let b = coefficients[j + offset]
            guard !b.isNaN else { continue }
            for i in 0..<n {
                let v = design.values[j * n + i]
                guard v.isFinite else { throw RegressionError.nonFiniteRegressor(column: design.names[j], row: i, value: v) }
                out[i] += b * v
            }
        }
        return out
    }

    /// Predictions for rows of regressor values (each row in the order of the non-constant names).
    public func predict(rows: [[Double]]) throws -> [Double] {
        let k = names.count - (names.first == "const" ? 1 : 0)
        var columns = [[Double]](repeating: [], count: k)
        for (i, row) in rows.enumerated() {
            guard row.count == k else { throw RegressionError.mismatchedLengths(what: "prediction row \(i)", expected: k, found: row.count) }
            for j in 0..<k { columns[j].append(row[j]) }
        }
        let design = try RegressionDesign(rows: rows.count, names: Array(names.suffix(k)),
                                          columnMajor: columns.flatMap { $0 })
        return try predict(design)
    }

    // MARK: Assembly

    static func assemble(
        options: LinearRegression, names: [String], y: [Double], accurateSums: Bool, weights: [Double]?, x: DesignColumns, rowsAug: Int,
        n: Int, p: Int, coefficients: [Double], basic: [Int], aliased: [Int], bread: [Double],
        wresid: [Double], resid: [Double], constIndex: Int?, implicitConstant: Bool = false, penalised: [Int],
        solver: LeastSquaresSolver, refined: Bool, covarianceRefined: Bool, refinementIterations: Int,
        refinementConverged: Bool
    ) throws -> RegressionResult {
        let rank = basic.count
        let kConst = constIndex != nil || implicitConstant ? 1 : 0
        let dfResid = Double(n - rank), dfModel = Double(rank - kConst)

        let (ssr, centeredTSS, uncenteredTSS) = accurateSums
            ? sumsOfSquaresDoubleDouble(y: y, weights: weights, wresid: wresid)
            : sumsOfSquares(y: y, weights: weights, wresid: wresid)
        let tss = kConst == 1 ? centeredTSS : uncenteredTSS
        // A constant response with a constant in the model has TSS = 0: R² is undefined (NaN), not
        // the −inf or noise that 1 − SSR/TSS gives after rounding; the F test is NaN with it.
        let constantResponse = kConst == 1 && y.allSatisfy { $0 == y[0] }
        let rSquared = constantResponse ? .nan : 1 - ssr / tss
        let adjR2 = 1 - Double(n - kConst) / dfResid * (1 - rSquared)
        let scale = ssr / dfResid

        // Covariance on the basic columns (rank × rank, column-major == row-major, symmetric).
        let r = rank
        var cov = [Double](repeating: 0, count: r * r)
        var basicPos = [Int?](repeating: nil, count: p)
        for (a, j) in basic.enumerated() { basicPos[j] = a }
        // Ridge: (XᵀX)⁻¹ generalises to M X̃ᵀX̃ M with M = (X̃ᵀX̃ + Λ)⁻¹ = bread.
        var effectiveBread = bread
        if !penalised.isEmpty && options.covariance == .classical {
            // M − M Λ M
            let lambda = options.ridge
            var mlm = [Double](repeating: 0, count: r * r)
            let pen = penalised.compactMap { basicPos[$0] }
            for a in 0..<r { for b in 0..<r {
                var s = 0.0
                for k in pen { s += bread[k * r + a] * lambda * bread[b * r + k] }
                mlm[b * r + a] = s
            } }
            for i in 0..<(r * r) { effectiveBread[i] = bread[i] - mlm[i] }
        }
        switch options.covariance {
        case .classical:
            for i in 0..<(r * r) { cov[i] = scale * effectiveBread[i] }
        default:
            cov = robustCovariance(type: options.covariance, x: x, n: n, basic: basic,
                                   bread: bread, wresid: wresid, dfResid: dfResid)
        }

        // Expand to p × p with NaN for aliased.
        var fullCov = [Double](repeating: .nan, count: p * p)
        for (a, ja) in basic.enumerated() { for (b, jb) in basic.enumerated() { fullCov[ja * p + jb] = cov[a * r + b] } }
        let usesT = !options.covariance.isRobust
        var se = [Double](repeating: .nan, count: p), tv = se, pv = se
        for j in basic {
            se[j] = fullCov[j * p + j].squareRoot()
            tv[j] = coefficients[j] / se[j]
            pv[j] = usesT ? StudentT.twoSidedP(tv[j], df: dfResid)
                          : StandardNormal.twoSidedP(tv[j])
        }

        // F test.
        var fStat = Double.nan, fP = Double.nan
        if dfModel > 0 && !constantResponse {
            if options.covariance == .classical && penalised.isEmpty {
                let ess = tss - ssr
                fStat = (ess / dfModel) / (ssr / dfResid)
            } else {
                // statsmodels returns NaN for the Wald F with an implicit constant (no column to exclude).
                let idx = basic.enumerated().filter { $0.element != constIndex }.map(\.offset)
                fStat = implicitConstant ? .nan : waldF(coefficients: basic.map { coefficients[$0] }, cov: cov, r: r, indices: idx)
            }
            fP = FDistribution.sf(fStat, df1: dfModel, df2: dfResid)
        }

        // Log-likelihood and information criteria.
        let nD = Double(n)
        var llf = -nD / 2 * (Double.log(2 * Double.pi) + Double.log(ssr / nD) + 1)
        if let weights { llf += 0.5 * weights.reduce(0) { $0 + Double.log($1) } }
        let k = Double(rank)
        let aic = -2 * llf + 2 * k
        let bic = -2 * llf + Double.log(nD) * k

        let conditionNumber = !options.computesConditionNumber ? .nan : try designConditionNumber(solver: solver, x: x, n: n, p: p,
                                                        ridge: !penalised.isEmpty)
        let fitted = (0..<n).map { y[$0] - resid[$0] }
        return RegressionResult(
            names: names, coefficients: coefficients, standardErrors: se, tValues: tv, pValues: pv,
            covariance: fullCov, covarianceType: options.covariance, usesStudentT: usesT, nobs: n, rank: rank,
            aliased: aliased.map { names[$0] }, hasConstant: kConst == 1, dfModel: dfModel, dfResid: dfResid,
            ssr: ssr, centeredTSS: centeredTSS, uncenteredTSS: uncenteredTSS, rSquared: rSquared,
            adjustedRSquared: adjR2, fStatistic: fStat, fPValue: fP,
            residualStandardError: scale.squareRoot(), logLikelihood: llf, aic: aic, bic: bic,
            conditionNumber: conditionNumber, residuals: resid, fittedValues: fitted, ridge: options.ridge,
            refined: refined, covarianceRefined: covarianceRefined, refinementIterations: refinementIterations, refinementConverged: refinementConverged,
            equilibratedConditionEstimate: solver.conditionEstimate, rankTolerance: solver.tolerance)
    }

    /// SSR, centred and uncentred TSS in double-double (the accurate path: NIST-level R²).
    static func sumsOfSquaresDoubleDouble(y: [Double], weights: [Double]?, wresid: [Double])
        -> (ssr: Double, centered: Double, uncentered: Double)
    {
        let n = y.count
        if weights == nil {
            // Unweighted: the same sums as compensated dot products (SIMD lanes, no libm calls).
            let sum = y.withUnsafeBufferPointer { accurateSum($0) }
            let meanHi = sum.value / Double(n)
            var rem = sum
            let prod = DoubleDouble.twoProduct(-meanHi, Double(n))
            rem.add(prod.p); rem.add(prod.e)
            let meanLo = rem.value / Double(n)
            var dh = [Double](repeating: 0, count: n), dl = dh
            for i in 0..<n { var d = DoubleDouble(y[i]); d.add(-meanHi); d.add(-meanLo); dh[i] = d.hi; dl[i] = d.lo }
            let ssr = wresid.withUnsafeBufferPointer { compensatedDot($0.baseAddress!, nil, $0.baseAddress!, nil, count: n) }
            let centered = dh.withUnsafeBufferPointer { h in dl.withUnsafeBufferPointer { l in
                compensatedDot(h.baseAddress!, l.baseAddress!, h.baseAddress!, l.baseAddress!, count: n) } }
            let uncentered = y.withUnsafeBufferPointer { compensatedDot($0.baseAddress!, nil, $0.baseAddress!, nil, count: n) }
            return (ssr.value, centered.value, uncentered.value)
        }
        var ssrAcc = DoubleDouble(0)
        for e in wresid { ssrAcc.addProduct(e, e) }
        var sw = DoubleDouble(0), swy = DoubleDouble(0)
        for i in 0..<n {
            let w = weights?[i] ?? 1
            sw.add(w)
            swy.addProduct(w, y[i])
        }
        // Weighted mean as an unevaluated sum meanHi + meanLo.
        let meanHi = swy.value / sw.value
        var meanAcc = swy
        let prod = DoubleDouble.twoProduct(-meanHi, sw.hi)
        meanAcc.add(prod.p)
        meanAcc.add(prod.e)
        meanAcc.addProduct(-meanHi, sw.lo)
        let meanLo = meanAcc.value / sw.value
        var centered = DoubleDouble(0), uncentered = DoubleDouble(0)
        for i in 0..<n {
            let w = weights?[i] ?? 1
            var d = DoubleDouble(y[i]); d.add(-meanHi); d.add(-meanLo)
            let sq = DoubleDouble.twoProduct(d.hi, d.hi)
            centered.add(DoubleDouble(sq.p, sq.e + 2 * d.hi * d.lo).multiplied(by: w))
            let yy = DoubleDouble.twoProduct(y[i], y[i])
            uncentered.add(DoubleDouble(yy.p, yy.e).multiplied(by: w))
        }
        return (ssrAcc.value, centered.value, uncentered.value)
    }

    /// The same sums in working precision (two-pass centring): relative error ~n·ε, ample for a
    /// well-conditioned fit, and about ten times cheaper for the batched cross-sections.
    static func sumsOfSquares(y: [Double], weights: [Double]?, wresid: [Double])
        -> (ssr: Double, centered: Double, uncentered: Double)
    {
        let n = y.count
        let ssr = cblas_ddot(blasint(n), wresid, 1, wresid, 1)
        if let weights {
            let sw = weights.reduce(0, +)
            let mean = cblas_ddot(blasint(n), weights, 1, y, 1) / sw
            var centered = 0.0, uncentered = 0.0
            for i in 0..<n {
                let d = y[i] - mean
                centered += weights[i] * d * d
                uncentered += weights[i] * y[i] * y[i]
            }
            return (ssr, centered, uncentered)
        }
        let mean = y.reduce(0, +) / Double(n)
        var centered = 0.0, correction = 0.0
        for v in y { let d = v - mean; centered += d * d; correction += d }
        centered -= correction * correction / Double(n)  // corrected two-pass (Chan–Golub–LeVeque)
        return (ssr, centered, cblas_ddot(blasint(n), y, 1, y, 1))
    }

    /// Wald F = (Rb)ᵀ(R V Rᵀ)⁻¹(Rb) / q for the selected coefficients (statsmodels `f_test`).
    static func waldF(coefficients b: [Double], cov: [Double], r: Int, indices: [Int]) -> Double {
        let q = indices.count
        guard q > 0 else { return .nan }
        var sub = [Double](repeating: 0, count: q * q)
        for (a, ia) in indices.enumerated() { for (c, ic) in indices.enumerated() { sub[a * q + c] = cov[ia * r + ic] } }
        var rhs = indices.map { b[$0] }
        let rb = rhs
        var ipiv = [Int32](repeating: 0, count: q)
        let info = LAPACKE_dgesv(LAPACK_COL_MAJOR, Int32(q), 1, &sub, Int32(q), &ipiv, &rhs, Int32(q))
        guard info == 0 else { return .nan }
        var w = 0.0
        for a in 0..<q { w += rb[a] * rhs[a] }
        return w / Double(q)
    }

    /// σmax/σmin of the (weighted) design: from R·D⁻¹ of the QR (no extra pass over the
    /// data), or from the Gram matrix's eigenvalues for ridge (whose R includes penalty rows).
    static func designConditionNumber(solver: LeastSquaresSolver, x: DesignColumns, n: Int, p: Int,
                                      ridge: Bool) throws -> Double {
        var s = [Double](repeating: 0, count: p)
        if ridge {
            var gram = [Double](repeating: 0, count: p * p)
            cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, blasint(p), blasint(n), 1, x.storage, blasint(x.rows), 0,
                        &gram, blasint(p))
            let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "U")),
                                     Int32(p), &gram, Int32(p), &s)
            guard info == 0 else { throw RegressionError.lapack(routine: "dsyev", info: Int(info)) }
            return (s.max()! / s.min()!).squareRoot()
        }
        var rm = [Double](repeating: 0, count: p * p)
        for k in 0..<p {
            let d = solver.scale[solver.perm[k]]
            for i in 0...k { rm[k * p + i] = solver.factor[k * solver.ldf + i] / d }
        }
        var u = [Double](repeating: 0, count: 1), vt = u
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(p), Int32(p), &rm,
                                  Int32(p), &s, &u, 1, &vt, 1)
        guard info == 0 else { throw RegressionError.lapack(routine: "dgesdd", info: Int(info)) }
        return s[0] / s[p - 1]
    }
}
