/// How a score-driven backtest chooses its holdings at each rebalance (see Docs/Backtest.md,
/// "Selection rules").
public enum SelectionRule: Sendable, Equatable {
    /// The `k` best-scored names at every rebalance (``PortfolioSelection/weights(_:k:side:scheme:)``):
    /// every holding outside today's top `k` is replaced.
    case topK
    /// qlib's `TopkDropoutStrategy` (`method_sell="bottom"`, `method_buy="top"`): at most `nDrop`
    /// holdings are replaced per rebalance, and a name held fewer than `holdDays` rows cannot be
    /// sold (qlib's `hold_thresh`). Long, equal weights only. See ``TopkDropout``.
    case topKDropout(nDrop: Int, holdDays: Int)

    /// `topk` or `topk-dropout`.
    public var name: String {
        switch self {
        case .topK: return "topk"
        case .topKDropout: return "topk-dropout"
        }
    }
}
