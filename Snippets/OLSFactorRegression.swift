// OLS factor regression: next-day AAPL log return on three library factors, with inference.
// Run from the package root: swift run OLSFactorRegression
import FactorLab
import Quant
import Tensors

let data = try MarketDataLoader.load(path: "Data/sp500_top100_2013-2018_ohlcv.csv").panel
let factors = try FactorSource.compute(data).panel
let a = data.tickers.firstIndex(of: "AAPL")!, T = data.dateCount, layout = data.layout
let next = ForwardTarget.meanLogReturn(logReturns: data.logReturns(), layout: layout, horizon: 1)
let names = ["mom20", "rev5", "vol20"]
let cols = names.map { factors.factorNames.firstIndex(of: $0)! }
let rows = (0..<T).filter { t in next[layout.index(asset: a, date: t)].isFinite && cols.allSatisfy { factors.value(asset: a, date: t, factor: $0).isFinite } }
let fit = try LinearRegression(covariance: .hc1).fit(
    y: rows.map { next[layout.index(asset: a, date: $0)] },
    columns: cols.map { f in rows.map { factors.value(asset: a, date: $0, factor: f) } }, names: names)
for (name, (b, p)) in zip(fit.names, zip(fit.coefficients, fit.pValues)) {
    print(name.padding(toLength: 6, withPad: " ", startingAt: 0), String(format: "β = %+.5f  p = %.3f", b, p))
}
print(String(format: "n = %d, R² = %.4f (HC1 standard errors)", fit.nobs, fit.rSquared))
