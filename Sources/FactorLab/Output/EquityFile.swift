import Foundation
import Quant

/// `equity.csv`: cumulative wealth of every strategy per test day, with the day's regime.
public enum EquityFile {
    /// `date,regime,<strategy>…` cumulative wealth from 1 (random: median portfolio and 5 %/95 % band).
    public static func csv(_ e: Evaluation) throws -> String {
        let names = e.strategies.keys.sorted().filter { $0 != "random" }
        var header = ["date", "regime"] + names + ["random_median", "random_p05", "random_p95"]
        if e.randomWealthBand.low.isEmpty { header.removeLast(2) }
        var out = header.joined(separator: ",") + "\n"
        let wealth = try names.map { name throws(RiskError) in try RiskMath.wealth(e.strategies[name]!.returns) }
        let rw = try RiskMath.wealth(e.strategies["random"]?.returns ?? [])
        for d in e.days.indices {
            var row = [e.days[d], e.labels[d].rawValue] + wealth.map { "\($0[d])" }
            row.append(d < rw.count ? "\(rw[d])" : "nan")
            if !e.randomWealthBand.low.isEmpty { row += ["\(e.randomWealthBand.low[d])", "\(e.randomWealthBand.high[d])"] }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }
}
