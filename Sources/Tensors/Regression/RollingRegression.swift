import CBLAS

/// Time-series regressions over a rolling (fixed length) or expanding window.
///
/// The `.updating` method keeps XᵀX and Xᵀy and moves them by one row at a time (add the
/// new row, subtract the dropped one), re-forming them from scratch every `window` steps to
/// stop round-off drift, and solves each window by Cholesky of the Jacobi-scaled Gram
/// matrix, refined with double-double residuals over the window (O(Wp) per step instead of
/// O(Wp²), and accurate to ≥ 13 digits where the data allow). A window whose scaled Gram matrix is not
/// clearly positive definite (Cholesky fails or κ̂ > ``gramConditionLimit``) is refitted
/// with the accurate QR path of ``LinearRegression``, as is every window with `.refit`.
public struct RollingRegression: Sendable {
    /// How each window is solved.
    public enum Method: Sendable, Hashable {
        /// Gram-matrix updating with QR fallback for ill-conditioned windows (fast).
        case updating
        /// A full ``LinearRegression`` fit per window (accurate path, refinement as configured).
        case refit
    }

    /// Window length W (rolling), or the minimum number of rows (expanding).
    public var window: Int
    /// Expanding windows (rows 0…t) instead of rolling ones (rows t−W+1…t).
    public var expanding: Bool
    /// Whether to fit an intercept named `const`.
    public var intercept: Bool
    /// Gram updating (fast, default) or a full QR refit per window.
    public var method: Method
    /// Above this κ̂₁ of the scaled Gram matrix the updating method refits the window by QR.
    /// Coefficients are refined to the exact least-squares solution either way; the standard
    /// errors come from G⁻¹, which loses about log₁₀κ(G) digits, hence 10⁴ (κ̂₁(R) ≤ 100, the
    /// bound ``LinearRegression`` uses for its unrefined covariance).
    public static let gramConditionLimit = 1e4
    /// At most this many refinement steps per window (two suffice below ``gramConditionLimit``).
    static let maxRefinementSteps = 4

    /// Not validated here: `fit` requires `window` to exceed the coefficient count and not the row count.
    public init(window: Int, expanding: Bool = false, intercept: Bool = true, method: Method = .updating) {
        self.window = window
        self.expanding = expanding
        self.intercept = intercept
        self.method = method
    }

    /// Fits every window of `y` on `design` (rows in time order; all values must be finite).
    public func fit(y: [Double], design: RegressionDesign) throws -> RollingFit {
        let n = y.count
        guard n > 0 else { throw RegressionError.emptyInput }
        guard design.rows == n else {
            throw RegressionError.mismatchedLengths(what: "design rows", expected: n, found: design.rows)
        }
        let k = design.columns, p = k + (intercept ? 1 : 0)
        guard p > 0 else { throw RegressionError.emptyInput }
        guard window > p, window <= n else {
            throw RegressionError.invalidOption("window \(window) must exceed the \(p) coefficients and not exceed \(n) rows")
        }
        for i in 0..<n where !y[i].isFinite { throw RegressionError.nonFiniteResponse(row: i, value: y[i]) }
        for j in 0..<k { for i in 0..<n where !design.values[j * n + i].isFinite {
            throw RegressionError.nonFiniteRegressor(column: design.names[j], row: i, value: design.values[j * n + i])
        } }
        let names = (intercept ? ["const"] : []) + design.names
        // Row-major full design for cheap row updates.
        var rowsX = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            if intercept { rowsX[i * p] = 1 }
            for j in 0..<k { rowsX[i * p + j + (intercept ? 1 : 0)] = design.values[j * n + i] }
        }
        let model = LinearRegression(intercept: intercept)
        let windows = n - window + 1
        var coefs = [[Double]](), ses = [[Double]](), r2 = [Double](), ends = [Int](), counts = [Int](), refits = 0

        var gram = [Double](repeating: 0, count: p * p), xty = [Double](repeating: 0, count: p)
        func rebuild(_ range: Range<Int>) {
            for i in 0..<(p * p) { gram[i] = 0 }
            for i in 0..<p { xty[i] = 0 }
            for t in range { addRow(t, sign: 1) }
        }
        func addRow(_ t: Int, sign: Double) {
            rowsX.withUnsafeBufferPointer { x in
                let row = x.baseAddress! + t * p
                cblas_dsyr(CblasColMajor, CblasUpper, blasint(p), sign, row, 1, &gram, blasint(p))
                cblas_daxpy(blasint(p), sign * y[t], row, 1, &xty, 1)
            }
        }

        for w in 0..<windows {
            let end = window + w  // exclusive
            let start = expanding ? 0 : end - window
            ends.append(end - 1); counts.append(end - start)
            var solved: (b: [Double], se: [Double], r2: Double)? = nil
            // Designs with low parts (exact powers) need the QR path, which uses them.
            if method == .updating && design.lowParts == nil {
                if w == 0 || (w % window == 0) { rebuild(start..<end) }
                else {
                    addRow(end - 1, sign: 1)
                    if !expanding { addRow(start - 1, sign: -1) }
                }
                solved = solveGram(gram: gram, xty: xty, rowsX: rowsX, y: y, range: start..<end, p: p)
            }
            if solved == nil {
                if method == .updating && design.lowParts == nil { refits += 1 }
                let sub = Array(start..<end)
                let fit = try model.fit(y: Array(y[start..<end]), design: design.selectingRows(sub))
                solved = (fit.coefficients, fit.standardErrors, fit.rSquared)
            }
            coefs.append(solved!.b); ses.append(solved!.se); r2.append(solved!.r2)
        }
        return RollingFit(names: names, windowEnds: ends, observations: counts, coefficients: coefs,
                          standardErrors: ses, rSquared: r2, qrRefits: refits)
    }

    /// Solves one window from its Gram matrix; nil when it is not safely positive definite.
    private func solveGram(gram: [Double], xty: [Double], rowsX: [Double], y: [Double], range: Range<Int>, p: Int)
        -> (b: [Double], se: [Double], r2: Double)?
    {
        // Jacobi scaling d_j = 1/√G_jj makes the Cholesky condition estimate meaningful.
        var d = [Double](repeating: 0, count: p)
        for j in 0..<p {
            let g = gram[j * p + j]
            guard g > 0 else { return nil }
            d[j] = 1 / g.squareRoot()
        }
        var a = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0...j { a[j * p + i] = gram[j * p + i] * d[i] * d[j] } }
        var anorm = 0.0
        for j in 0..<p { var s = 0.0; for i in 0..<p { s += abs(i <= j ? a[j * p + i] : a[i * p + j]) }; anorm = max(anorm, s) }
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), &a, Int32(p)) == 0 else { return nil }
        var rcond = 0.0
        guard LAPACKE_dpocon(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), a, Int32(p), anorm, &rcond) == 0,
              rcond * Self.gramConditionLimit > 1 else { return nil }
        var b = (0..<p).map { xty[$0] * d[$0] }
        guard LAPACKE_dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), 1, a, Int32(p), &b, Int32(p)) == 0
        else { return nil }
        for j in 0..<p { b[j] *= d[j] }
        // Refinement on the normal equations: b ← b + G⁻¹Xᵀ(y − Xb), residual and Xᵀr in double-double
        // over the window, so the fixed point is the window's exact least-squares solution (the
        // updated G only steers the correction; each step gains about −log₁₀(κ(G)ε) digits).
        for _ in 0..<Self.maxRefinementSteps {
            var g = [DoubleDouble](repeating: DoubleDouble(0), count: p)
            for t in range {
                var e = DoubleDouble(y[t])
                for j in 0..<p { e.addProduct(-rowsX[t * p + j], b[j]) }
                for j in 0..<p { g[j].addProduct(rowsX[t * p + j], e.hi); g[j].add(rowsX[t * p + j] * e.lo) }
            }
            var db = (0..<p).map { g[$0].value * d[$0] }
            guard LAPACKE_dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), 1, a, Int32(p), &db, Int32(p)) == 0
            else { return nil }
            var size = 0.0, norm = 0.0
            for j in 0..<p { db[j] *= d[j]; b[j] += db[j]; size = max(size, abs(db[j])); norm = max(norm, abs(b[j])) }
            // Converged, or the next correction (contraction ≲ κ̂(G)·ε·10³) is predicted below ε/2.
            if !(size > Double.ulpOfOne * norm) || size / rcond * 1e3 * Double.ulpOfOne <= Double.ulpOfOne / 2 * norm { break }
        }
        guard LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), &a, Int32(p)) == 0 else { return nil }
        // Residual sums over the window directly (the Gram shortcut yᵀy − bᵀXᵀy cancels).
        var ssr = DoubleDouble(0), sy = DoubleDouble(0)
        for t in range {
            var e = DoubleDouble(y[t])
            for j in 0..<p { e.addProduct(-rowsX[t * p + j], b[j]) }
            ssr.addProduct(e.value, e.value)
            sy.add(y[t])
        }
        let m = Double(range.count)
        let mean = sy.value / m
        var tss = DoubleDouble(0)
        for t in range { let c = y[t] - mean; tss.addProduct(c, c) }
        if !intercept { tss = DoubleDouble(0); for t in range { tss.addProduct(y[t], y[t]) } }
        let s2 = ssr.value / (m - Double(p))
        let se = (0..<p).map { (s2 * a[$0 * p + $0]).squareRoot() * d[$0] }
        return (b, se, 1 - ssr.value / tss.value)
    }
}

/// Coefficients, standard errors (classical) and R² of each window.
public struct RollingFit: Sendable {
    /// Regressor names (`const` first with an intercept).
    public let names: [String]
    /// Index of the last row of each window.
    public let windowEnds: [Int]
    /// Rows in each window.
    public let observations: [Int]
    /// `coefficients[w][j]`: coefficient j in window w.
    public let coefficients: [[Double]]
    /// Classical standard errors, same layout.
    public let standardErrors: [[Double]]
    /// R² per window (centred with an intercept, uncentred without).
    public let rSquared: [Double]
    /// Windows the updating method had to refit by QR.
    public let qrRefits: Int
}
