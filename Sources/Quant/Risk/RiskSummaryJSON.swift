import NumericsSupport

extension RiskSummary {
    /// The CLI's JSON object: `annual_return, annual_volatility, sharpe, sortino, calmar,
    /// max_drawdown, var, cvar, n` (n = non-missing returns); non-finite numbers render as
    /// `"NaN"`, `"Infinity"`, `"-Infinity"`, finite ones with round-trip precision.
    public var jsonObject: JSONValue {
        .object([
            ("annual_return", .number(annualReturn)), ("annual_volatility", .number(annualVolatility)),
            ("sharpe", .number(sharpeRatio)), ("sortino", .number(sortinoRatio)), ("calmar", .number(calmarRatio)),
            ("max_drawdown", .number(maxDrawdown)), ("var", .number(valueAtRisk)),
            ("cvar", .number(conditionalValueAtRisk)), ("n", .integer(validCount)),
        ])
    }
}
