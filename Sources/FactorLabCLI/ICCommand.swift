import ArgumentParser
import Foundation
import Quant

/// `factorlab ic`: cross-sectional information coefficient of one factor column of a
/// long-format CSV against forward returns.
struct ICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ic",
        abstract: "Cross-sectional IC / rank IC of a factor against forward returns (alphalens conventions).",
        discussion: """
        FILE is long format with a 'date' column (ISO YYYY-MM-DD) and a 'ticker' or 'asset' column.
        The forward return at date T over h periods comes from exactly one of:
          --prices P           P(T+h)/P(T) - 1 per asset (ln with --log-returns)
          --returns R          per-period returns R(t) realised over (t-1, t], compounded over T+1..T+h
          --forward-returns R  already aligned at T (used as is; --horizon only sets Newey-West lags)
        Output: IC mean, std (ddof 1), ICIR = mean/std, t = ICIR*sqrt(n), two-sided p (df n-1),
        hit rate (share of IC > 0), n_periods, skew, excess kurtosis, Newey-West t with h-1 lags.
        """
    )

    @Argument(help: "Long-format CSV file.") var file: String
    @Option(help: "Factor column.") var factor: String
    @Option(help: "Column of per-period returns R(t) over (t-1, t].") var returns: String?
    @Option(help: "Column of prices.") var prices: String?
    @Option(name: .customLong("forward-returns"), help: "Column of forward returns already aligned at T.") var forwardReturns: String?
    @Option(help: "Forward horizon h in periods (1…100000).") var horizon: Int = 1
    @Option(help: "spearman (rank IC) or pearson.") var method: String = "spearman"
    @Flag(name: .customLong("log-returns"), help: "Log forward returns instead of simple.") var logReturns = false
    @Flag(help: "Print JSON instead of text.") var json = false

    func validate() throws {
        guard ICMethod(rawValue: method) != nil else { throw ValidationError("--method must be spearman or pearson, not '\(method)'") }
        guard (1...100_000).contains(horizon) else { throw ValidationError("--horizon must be in 1…100000 (got \(horizon))") }
        guard [returns, prices, forwardReturns].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --returns, --prices, --forward-returns")
        }
    }

    var source: ICFileReport.Source {
        if let prices { return .prices(prices) }
        if let returns { return .returns(returns) }
        return .forwardReturns(forwardReturns!)
    }

    func run() throws {
        let m = ICMethod(rawValue: method)!
        let r = try ICFileReport(path: file, factor: factor, source: source, horizon: horizon, method: m, logReturns: logReturns)
        let s = r.summary
        if json {
            print(s.json.render(indent: 2))
        } else {
            let label = m == .spearman ? "rank IC (Spearman)" : "IC (Pearson)"
            print("\(label) of '\(factor)' vs \(horizon)-period forward return, \(r.assetCount) assets")
            for (k, v) in [("ic_mean", s.mean), ("ic_std", s.std), ("icir", s.icir), ("t_stat", s.tStat),
                           ("p_value", s.pValue), ("hit_rate", s.hitRate), ("ic_skew", s.skew),
                           ("ic_kurtosis", s.kurtosis), ("newey_west_t", s.neweyWestT)] {
                print(k.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%.6g", v))
            }
            print("n_periods".padding(toLength: 14, withPad: " ", startingAt: 0) + "\(s.n)")
        }
    }
}
