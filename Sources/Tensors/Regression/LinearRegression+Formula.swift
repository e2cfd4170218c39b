extension LinearRegression {
    /// Fits a formula on a table, like `statsmodels.formula.api.ols(formula, data).fit()`:
    ///
    /// ```swift
    /// let fit = try LinearRegression().fit(formula: "y ~ x + I(x**2) + log(z) + C(sector)", data: table)
    /// ```
    ///
    /// The formula decides the intercept (`Intercept`; `0 +` or `- 1` removes it), so
    /// ``intercept`` is ignored; covariance, weights, ridge and refinement apply as set. Powers,
    /// products and quotients are formed in double-double. Non-finite values throw
    /// ``FormulaError/nonFiniteValue(column:source:line:value:)`` (patsy would drop the row);
    /// a rank-deficient design is fitted with NaN for aliased columns, as ``fit(y:design:)`` does.
    public func fit(formula: String, data: RegressionData) throws -> RegressionResult {
        let evaluated = try RegressionFormula(formula).design(data)
        var model = self
        model.intercept = false  // the formula's Intercept column is part of the design
        return try model.fit(y: evaluated.response, design: evaluated.design)
    }
}
