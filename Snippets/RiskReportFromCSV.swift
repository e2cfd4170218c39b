// Risk report (Table I/II columns) from a CSV of daily simple returns.
// Run: swift run RiskReportFromCSV [returns.csv] [column]   (default: equal-weight returns of the bundled data)
import FactorLab
import Foundation
import Quant

let args = CommandLine.arguments
var returns: [Double]
if args.count > 1 {
    returns = try CSVTable(contentsOf: args[1]).numericColumn(args.count > 2 ? args[2] : "return")
} else {
    let p = try MarketDataLoader.load(path: "Data/sp500_top100_2013-2018_ohlcv.csv").panel
    let r = p.logReturns()
    returns = (1..<p.dateCount).map { t in
        let day = (0..<p.assetCount).map { r[p.layout.index(asset: $0, date: t)] }.filter { $0.isFinite }
        return day.map { exp($0) - 1 }.reduce(0, +) / Double(max(day.count, 1))
    }
}
let m = try PerformanceMetrics(returns: returns)
print(String(format: "days %d  annual return %.2f%%  Sharpe %.2f  max drawdown %.2f%%  VaR95 %.2f%%",
             m.days, m.annualReturn * 100, m.sharpe, m.maxDrawdown * 100, m.var95 * 100))
let wealth = try RiskMath.wealth(returns)
for regime in MarketRegime.allCases {  // regimes from the series' own trailing 63-day return
    let g = try RegimePerformance(returns: returns, labels: RegimeLabeler().label(prices: wealth), regime: regime)
    print(regime.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0) + String(format: " days %4d  avg daily %+.3f%%  max DD %.2f%%  Sharpe %.2f  VaR95 %.2f%%",
                 g.days, g.averageDailyReturn * 100, g.maxDrawdown * 100, g.sharpe, g.var95 * 100))
}
