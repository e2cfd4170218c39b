import CBLAS

/// Linear least-squares regression: OLS, WLS and ridge, with full statsmodels-style inference.
///
/// ```swift
/// let design = try RegressionDesign(columns: [x1, x2], names: ["mkt", "smb"])
/// let fit = try LinearRegression(covariance: .hc1).fit(y: returns, design: design)
/// print(fit.coefficients["mkt"]!, fit.pValues["mkt"]!, fit.rSquared)
/// ```
///
/// The solve is Householder QR of the power-of-two-equilibrated design, pivoted
/// (`dgeqp3`) when the unpivoted factor does not look clearly full rank, followed by
/// iterative refinement with double-double residuals (see ``RefinementPolicy``), so the
/// default fit is the least-squares solution of the double data to ≥ 13 digits. Rank deficiency is reported, never fatal:
/// aliased columns get NaN coefficients. See Docs/Regression.md.
public struct LinearRegression: Sendable {
    /// Whether to add a constant column named `const` in front of the regressors.
    public var intercept: Bool
    /// Covariance estimator for standard errors, t/z statistics, p-values and the F test.
    public var covariance: CovarianceType
    /// Observation weights for WLS (minimise Σ wᵢ eᵢ²); every weight must be finite and > 0.
    public var weights: [Double]?
    /// Ridge penalty λ ≥ 0: minimise Σ wᵢ eᵢ² + λ Σⱼ bⱼ² (over non-constant columns unless
    /// `penalizeIntercept`). Coefficients are on the original scale of the regressors.
    public var ridge: Double
    /// Whether the ridge penalty also applies to the intercept (default false).
    public var penalizeIntercept: Bool
    /// When to refine with double-double residuals.
    public var refinement: RefinementPolicy
    /// Rank tolerance relative to |R₁₁| of the equilibrated design; nil for `10·ε·max(p, √n)`.
    public var rankTolerance: Double?
    /// Batched callers that never report it skip the condition number's SVD (NaN instead).
    var computesConditionNumber = true
    /// Batched callers allow the Gram (corrected seminormal equations) fast path for clearly
    /// well-conditioned designs; it is skipped whenever refinement could be requested.
    var allowsNormalEquations = false

    /// Defaults: OLS with an intercept, classical covariance, no ridge, automatic refinement.
    public init(intercept: Bool = true, covariance: CovarianceType = .classical, weights: [Double]? = nil,
                ridge: Double = 0, penalizeIntercept: Bool = false, refinement: RefinementPolicy = .automatic,
                rankTolerance: Double? = nil) {
        self.intercept = intercept
        self.covariance = covariance
        self.weights = weights
        self.ridge = ridge
        self.penalizeIntercept = penalizeIntercept
        self.refinement = refinement
        self.rankTolerance = rankTolerance
    }

    /// Fits `y` on a row-major `n × p` tensor of regressors (Float is promoted to Double).
    public func fit<S: TensorScalar>(y: Tensor<S>, x: Tensor<S>, names: [String]? = nil) throws -> RegressionResult {
        precondition(y.rank == 1, "LinearRegression.fit: y must be 1-D, got shape \(y.shape)")
        return try fit(y: y.scalars.map { Double($0) }, design: RegressionDesign(x, names: names))
    }

    /// Fits `y` on regressor columns.
    public func fit(y: [Double], columns: [[Double]], names: [String]? = nil) throws -> RegressionResult {
        try fit(y: y, design: RegressionDesign(columns: columns, names: names))
    }

    /// Fits `y` on `design`.
    public func fit(y: [Double], design: RegressionDesign) throws -> RegressionResult {
        let n = y.count
        guard n > 0, design.columns > 0 || intercept else { throw RegressionError.emptyInput }
        // An intercept-only model has a design without columns (and so without rows).
        let design = design.columns == 0 && design.rows != n
            ? try RegressionDesign(rows: n, names: [], columnMajor: []) : design
        guard design.rows == n else {
            throw RegressionError.mismatchedLengths(what: "design rows", expected: n, found: design.rows)
        }
        for i in 0..<n where !y[i].isFinite { throw RegressionError.nonFiniteResponse(row: i, value: y[i]) }
        try design.values.withUnsafeBufferPointer { values in
            for j in 0..<design.columns {
                let col = values.baseAddress! + j * n
                // Σ|x| is finite iff every entry is (barring overflow, which falls back to the scan).
                if cblas_dasum(blasint(n), col, 1).isFinite { continue }
                for i in 0..<n where !col[i].isFinite {
                    throw RegressionError.nonFiniteRegressor(column: design.names[j], row: i, value: col[i])
                }
            }
        }
        if let lo = design.lowParts {
            for j in 0..<design.columns { for i in 0..<n where !lo[j * n + i].isFinite {
                throw RegressionError.nonFiniteRegressor(column: design.names[j], row: i, value: lo[j * n + i])
            } }
        }
        if let weights {
            guard weights.count == n else {
                throw RegressionError.mismatchedLengths(what: "weights", expected: n, found: weights.count)
            }
            for (i, w) in weights.enumerated() where !(w > 0 && w.isFinite) {
                throw RegressionError.invalidWeight(row: i, value: w)
            }
        }
        guard ridge >= 0, ridge.isFinite else { throw RegressionError.invalidPenalty(ridge) }
        if case let .hac(lags, _) = covariance, lags < 0 || lags >= n {
            // L ≥ n would add Bartlett weights for lags with no overlapping observations and
            // shrink the long-run variance instead of estimating it.
            throw RegressionError.invalidOption("HAC lag count must be ≥ 0 and < the \(n) observations, got \(lags)")
        }
        if intercept && design.names.contains("const") { throw RegressionError.duplicateName("const") }

        // Constant columns: an error next to an intercept, otherwise an implicit constant (statsmodels k_constant).
        var constantColumn: Int? = nil
        for j in 0..<design.columns {
            let first = design.values[j * n], firstLo = design.lowParts?[j * n] ?? 0
            var constant = true
            for i in 1..<max(n, 1) where design.values[j * n + i] != first || (design.lowParts?[j * n + i] ?? 0) != firstLo {
                constant = false; break
            }
            if constant && first != 0 {
                if intercept { throw RegressionError.constantRegressor(column: design.names[j]) }
                if constantColumn == nil { constantColumn = j }
            }
        }

        // Full design (with the intercept column first).
        let p = design.columns + (intercept ? 1 : 0)
        let names = (intercept ? ["const"] : []) + design.names
        let constIndex: Int? = intercept ? 0 : constantColumn
        guard n >= p || ridge > 0 else { throw RegressionError.tooFewObservations(observations: n, parameters: p) }

        let sqrtW = weights?.map { $0.squareRoot() }
        let penalised: [Int] = ridge > 0 ? (0..<p).filter { penalizeIntercept || $0 != constIndex } : []
        let rowsAug = n + penalised.count
        var yAug = [Double](repeating: 0, count: rowsAug)
        // The unweighted case shares the caller's storage (copy-on-write) with an implicit
        // ones column; weights and ridge rows need one pass to build the transformed design.
        let x: DesignColumns
        if sqrtW == nil && penalised.isEmpty {
            x = DesignColumns(rows: n, count: p, storage: design.values,
                              ones: intercept ? [Double](repeating: 1, count: n) : nil)
        } else {
            let rootLambda = ridge.squareRoot()
            let storage = [Double](unsafeUninitializedCapacity: rowsAug * p) { dst, count in
                let offset = intercept ? 1 : 0
                design.values.withUnsafeBufferPointer { src in
                    for j in 0..<p {
                        let d = dst.baseAddress! + j * rowsAug
                        if intercept && j == 0 {
                            for i in 0..<n { d[i] = sqrtW?[i] ?? 1 }
                        } else {
                            let s = src.baseAddress! + (j - offset) * n
                            if let sqrtW { for i in 0..<n { d[i] = s[i] * sqrtW[i] } }
                            else { d.update(from: s, count: n) }
                        }
                        for i in n..<rowsAug { d[i] = 0 }
                    }
                }
                for (r, j) in penalised.enumerated() { dst[j * rowsAug + n + r] = rootLambda }
                count = rowsAug * p
            }
            x = DesignColumns(rows: rowsAug, count: p, storage: storage, ones: nil)
        }
        var xLo: [Double]? = design.lowParts == nil ? nil : [Double](repeating: 0, count: rowsAug * p)
        if let lo = design.lowParts {
            let offset = intercept ? 1 : 0
            for j in 0..<design.columns { for i in 0..<n {
                xLo![(j + offset) * rowsAug + i] = lo[j * n + i] * (sqrtW?[i] ?? 1)
            } }
        }
        for i in 0..<n { yAug[i] = y[i] * (sqrtW?[i] ?? 1) }

        // Factorise, solve, refine.
        let solver = try LeastSquaresSolver(n: rowsAug, p: p, xHi: x, xLo: xLo, tolerance: rankTolerance,
                                            normalEquations: allowsNormalEquations && refinement != .always)
        // The solution is refined unless `.never`; the covariance only where R alone would lose digits.
        let refine = refinement != .never
        let refineCovariance: Bool
        switch refinement {
        case .always: refineCovariance = true
        case .never: refineCovariance = false
        case .automatic:
            refineCovariance = xLo != nil || !(solver.conditionEstimate <= LeastSquaresSolver.refinementThreshold)
        }
        let solution = try solver.solve(b: yAug, c: [Double](repeating: 0, count: solver.rank), refine: refine)
        let rank = solver.rank
        var coefficients = [Double](repeating: .nan, count: p)
        for k in 0..<rank { coefficients[solver.perm[k]] = solution.z[k] * solver.scale[solver.perm[k]] }
        let basic = solver.perm[0..<rank].sorted()
        var isBasic = [Bool](repeating: false, count: p)
        for j in basic { isBasic[j] = true }
        let aliased = (0..<p).filter { !isBasic[$0] }

        // Residuals (data rows only) of the weighted problem; unweighted residuals for the user.
        var wresid = [Double](repeating: 0, count: n)
        if refine {
            // Column by column (contiguous in the column-major design), accumulating in double-double.
            var accHi = Array(yAug[0..<n]), accLo = [Double](repeating: 0, count: n)
            accHi.withUnsafeMutableBufferPointer { hi in accLo.withUnsafeMutableBufferPointer { lo in
                for j in basic {
                    let b = -coefficients[j]
                    x.withColumn(j) { col in
                        if let xLo {
                            xLo.withUnsafeBufferPointer { l in
                                accumulateProducts(hi: hi.baseAddress!, lo: lo.baseAddress!, x: col,
                                                   xLo: l.baseAddress! + j * rowsAug, w: b, count: n)
                            }
                        } else {
                            accumulateProducts(hi: hi.baseAddress!, lo: lo.baseAddress!, x: col, xLo: nil, w: b, count: n)
                        }
                    }
                }
            } }
            for i in 0..<n { wresid[i] = accHi[i] + accLo[i] }
        } else {
            let b = coefficients.map { $0.isNaN ? 0 : $0 }
            wresid = Array(yAug[0..<n])
            let first = x.firstStored
            if first == 1 { for i in 0..<n { wresid[i] -= b[0] } }
            if p > first {
                b.withUnsafeBufferPointer { bp in
                    cblas_dgemv(CblasColMajor, CblasNoTrans, blasint(n), blasint(p - first), -1, x.storage,
                                blasint(rowsAug), bp.baseAddress! + first, 1, 1, &wresid, 1)
                }
            }
        }
        let resid = sqrtW.map { sw in (0..<n).map { wresid[$0] / sw[$0] } } ?? wresid

        // (ÃᵀÃ)⁻¹ on the basic columns, unscaled to original coordinates.
        let gramInverseScaled = try solver.inverseGram(refine: refineCovariance)
        var bread = [Double](repeating: 0, count: rank * rank)  // order: basic (sorted)
        var position = [Int?](repeating: nil, count: p)
        for k in 0..<rank { position[solver.perm[k]] = k }
        for (a, ja) in basic.enumerated() {
            for (b, jb) in basic.enumerated() {
                bread[b * rank + a] = gramInverseScaled[position[jb]! * rank + position[ja]!]
                    * solver.scale[ja] * solver.scale[jb]
            }
        }

        // statsmodels' implicit constant: without an intercept or constant column, the model still has
        // a constant when the columns span it (e.g. every level of a categorical); R² is then centred.
        var implicitConstant = false
        if constIndex == nil && rank > 0 && penalised.isEmpty {
            var ones = [Double](repeating: 0, count: rowsAug)
            for i in 0..<n { ones[i] = sqrtW?[i] ?? 1 }
            let fitOnes = try solver.solve(b: ones, c: [Double](repeating: 0, count: rank), refine: !solver.fromGram)
            var residual = ones
            for k in 0..<rank {
                let j = solver.perm[k], b = fitOnes.z[k] * solver.scale[j]
                for i in 0..<n { residual[i] -= x[i, j] * b }
            }
            let norm = residual.reduce(0) { $0 + $1 * $1 }.squareRoot(), size = ones.reduce(0) { $0 + $1 * $1 }.squareRoot()
            implicitConstant = norm <= 1e-9 * size
        }
        return try RegressionResult.assemble(
            options: self, names: names, y: y, accurateSums: refine, weights: weights, x: x, rowsAug: rowsAug, n: n, p: p,
            coefficients: coefficients, basic: basic, aliased: aliased, bread: bread,
            wresid: wresid, resid: resid, constIndex: constIndex, implicitConstant: implicitConstant, penalised: penalised,
            solver: solver, refined: refine, covarianceRefined: refineCovariance, refinementIterations: solution.iterations,
            refinementConverged: solution.converged)
    }
}
