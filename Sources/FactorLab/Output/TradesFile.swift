import Foundation
import Quant

/// `trades.csv`: one row per rebalance of every model strategy (`strategy,date,bought,sold,turnover,cost`).
///
/// `date` is the decision date at whose close the trade happens; `bought` and `sold` are tickers
/// separated by `;` (empty when none); `turnover` is one-way, `Σ|Δw|/2`; `cost` is the cost charged
/// on NAV, `costBps/10⁴ · Σ|Δw|` (before any risk overlay). Rows are ordered by strategy name, then date.
public enum TradesFile {
    /// The header line's fields.
    public static let header = ["strategy", "date", "bought", "sold", "turnover", "cost"]

    /// The file's text for `evaluation` on `panel`'s dates and tickers.
    public static func csv(_ e: Evaluation, panel: MarketPanel) -> String {
        var out = CSVField.row(header) + "\n"
        for name in e.trades.keys.sorted() {
            for t in e.trades[name]! {
                let names = { (assets: [Int]) in assets.map { panel.tickers[$0] }.joined(separator: ";") }
                out += CSVField.row([name, panel.dates[t.row], names(t.bought), names(t.sold),
                                     "\(t.oneWayTurnover)", "\(t.cost)"]) + "\n"
            }
        }
        return out
    }
}
