import CBLAS

extension RegressionResult {
    /// Sandwich covariance `B·S·B` on the basic columns (statsmodels `cov_HC*`, `cov_hac_simple`).
    ///
    /// `B` is (X̃ᵀX̃)⁻¹ of the weighted design, `S = Σₜ uₜuₜᵀ (+ Bartlett-weighted lag terms for HAC)`
    /// with `uₜ = x̃ₜ·ẽₜ` (weighted regressors times weighted residuals), adjusted by leverage
    /// for HC2/HC3 and by n/(n−k) for HC1 (and HAC with the correction).
    static func robustCovariance(type: CovarianceType, x: DesignColumns, n: Int, basic: [Int],
                                 bread: [Double], wresid: [Double], dfResid: Double) -> [Double] {
        let r = basic.count
        guard r > 0 else { return [] }
        // X₁: n × r basic columns (column-major).
        var x1 = [Double](repeating: 0, count: n * r)
        for (a, j) in basic.enumerated() {
            x1.withUnsafeMutableBufferPointer { d in x.withColumn(j) { c in (d.baseAddress! + a * n).update(from: c, count: n) } }
        }
        var weight = wresid
        if type == .hc2 || type == .hc3 {
            // hᵢ = x̃ᵢ B x̃ᵢᵀ.
            var xb = [Double](repeating: 0, count: n * r)
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(n), blasint(r), blasint(r), 1,
                        x1, blasint(n), bread, blasint(r), 0, &xb, blasint(n))
            for i in 0..<n {
                var h = 0.0
                for a in 0..<r { h += xb[a * n + i] * x1[a * n + i] }
                weight[i] = type == .hc2 ? wresid[i] / (1 - h).squareRoot() : wresid[i] / (1 - h)
            }
        }
        var u = x1
        for a in 0..<r { for i in 0..<n { u[a * n + i] *= weight[i] } }
        var meat = [Double](repeating: 0, count: r * r)
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, blasint(r), blasint(r), blasint(n), 1,
                    u, blasint(n), u, blasint(n), 0, &meat, blasint(r))
        var factor = 1.0
        switch type {
        case .hc1: factor = Double(n) / dfResid
        case let .hac(lags, correction):
            let maxLag = min(lags, n - 1)
            if maxLag >= 1 {
                var lagged = [Double](repeating: 0, count: r * r)
                for lag in 1...maxLag {
                    let w = NeweyWest.bartlettWeight(lag: lag, lags: lags)
                    // Γ_l = Σ_{t≥l} u_t u_{t−l}ᵀ
                    u.withUnsafeBufferPointer { ub in
                        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, blasint(r), blasint(r), blasint(n - lag), 1,
                                    ub.baseAddress! + lag, blasint(n), ub.baseAddress!, blasint(n), 0, &lagged, blasint(r))
                    }
                    for a in 0..<r { for b in 0..<r { meat[b * r + a] += w * (lagged[b * r + a] + lagged[a * r + b]) } }
                }
            }
            if correction { factor = Double(n) / dfResid }
        default: break
        }
        // B S B
        var tmp = [Double](repeating: 0, count: r * r), cov = tmp
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(r), blasint(r), blasint(r), 1,
                    bread, blasint(r), meat, blasint(r), 0, &tmp, blasint(r))
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, blasint(r), blasint(r), blasint(r), factor,
                    tmp, blasint(r), bread, blasint(r), 0, &cov, blasint(r))
        for a in 0..<r { for b in 0..<a { let s = 0.5 * (cov[a * r + b] + cov[b * r + a]); cov[a * r + b] = s; cov[b * r + a] = s } }
        return cov
    }
}
