import Quant

extension PipelineOverrides {
    /// Checks `--strategy`, `--n-drop` and `--hold-days` (part of ``validate(models:)``): the
    /// strategy is `topk` or `topk-dropout`; `--n-drop` (1…top-k) and `--hold-days` (1…maxDays)
    /// go with `topk-dropout` only, so a value that would be ignored is refused instead.
    func validateStrategy() throws {
        func bad(_ option: String, _ reason: String) -> PipelineConfigError { .invalid(option: option, reason: reason) }
        var dropout = false
        if let s = strategy {
            guard let parsed = PortfolioStrategy(rawValue: s) else {
                throw bad("strategy", "must be \(PortfolioStrategy.allCases.map(\.rawValue).joined(separator: " or ")) (got '\(s)')")
            }
            dropout = parsed == .topkDropout
        }
        let k = topK ?? BacktestConfig().topK
        if let n = nDrop {
            guard dropout else { throw bad("n-drop", "goes with --strategy topk-dropout (got --n-drop \(n) with strategy \(strategy ?? "topk"))") }
            guard (1...100_000).contains(n) else { throw bad("n-drop", "must be in 1…100000 (got \(n))") }
            guard n <= k else { throw bad("n-drop", "must be ≤ --top-k (\(k)) (got \(n))") }
        }
        if let h = holdDays {
            guard dropout else { throw bad("hold-days", "goes with --strategy topk-dropout (got --hold-days \(h) with strategy \(strategy ?? "topk"))") }
            guard (1...Self.maxDays).contains(h) else { throw bad("hold-days", "must be in 1…\(Self.maxDays) (got \(h))") }
        }
    }

    /// Sets the strategy fields of `backtest` (after its `topK`): under `topk-dropout` `nDrop`
    /// defaults to ``BacktestConfig/defaultNDrop(topK:)``; under `topk` (where it is unused) it keeps
    /// ``BacktestConfig``'s default, so a top-k configuration does not depend on it. `holdDays` defaults to 1.
    func applyStrategy(to backtest: inout BacktestConfig) {
        backtest.strategy = strategy.flatMap(PortfolioStrategy.init(rawValue:)) ?? .topk
        let unused = BacktestConfig().nDrop
        backtest.nDrop = nDrop ?? (backtest.strategy == .topkDropout ? BacktestConfig.defaultNDrop(topK: backtest.topK) : unused)
        backtest.holdDays = holdDays ?? 1
    }
}
