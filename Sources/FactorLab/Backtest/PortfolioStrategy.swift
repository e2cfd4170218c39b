import Quant

/// The portfolio's selection rule (`--strategy`; Docs/Pipeline.md, "Strategies").
public enum PortfolioStrategy: String, Sendable, Equatable, Codable, CaseIterable {
    /// The `topK` best-scored names at every rebalance (the papers' rule; the default).
    case topk
    /// qlib's TopkDropout: at most `nDrop` holdings replaced per rebalance, each held at least
    /// `holdDays` trading days (Quant's ``TopkDropout``).
    case topkDropout = "topk-dropout"
}

extension BacktestConfig {
    /// The selection rule as Quant's ``SelectionRule``.
    public var selectionRule: SelectionRule {
        switch strategy {
        case .topk: return .topK
        case .topkDropout: return .topKDropout(nDrop: nDrop, holdDays: holdDays)
        }
    }
}
