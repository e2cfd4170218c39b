/// qlib's top-k dropout rule as a state machine over rebalances: it remembers the holdings and the
/// row at whose close each was bought.
///
/// At a rebalance on row `t` with scores `s` (NaN = no score; ties broken by the lower asset index):
/// 1. `H` = the holdings ranked by score, best first; a holding without a score ranks below every
///    scored name.
/// 2. `T` = the best `nDrop + k − |H|` scored names not held (names without a score are never bought).
/// 3. `comb` = `H ∪ T` ranked the same way. The holdings outside comb's best `k` are to be sold;
///    with `|comb| = k + nDrop` (enough scored names) those are exactly qlib's "holdings among the
///    last `nDrop` of comb", so at most `nDrop` are sold and never a name ranked above a buy.
/// 4. A holding bought at row `b` with `t − b < holdDays` is not sold (it stays, at its rank).
/// 5. The best `|sold| + k − |H|` names of `T` are bought.
///
/// So the book holds `k` names whenever `k` names have a score, and `nDrop = k` (with `holdDays`
/// 1) gives the top-`k` rule. Differences from qlib, both for small or constrained books: a sale
/// blocked by `holdDays` also cancels one purchase (qlib still buys, holding more than `k`), and
/// with fewer than `k + nDrop` names in comb no name of comb's best `k` is sold (qlib's
/// "last `nDrop`" would sell it and leave the book short).
public struct TopkDropout: Sendable, Equatable {
    /// Names held (`k`).
    public let k: Int
    /// Most holdings replaced per rebalance (`1…k`).
    public let nDrop: Int
    /// Rows a name must be held before it can be sold (≥ 1; 1 = no constraint between rebalances).
    public let holdDays: Int
    /// Current holdings: asset index → row at whose close it was bought.
    public private(set) var holdings: [Int: Int] = [:]

    /// What one rebalance did.
    public struct Decision: Sendable, Equatable {
        /// Names sold, ascending asset index.
        public var sold: [Int]
        /// Names bought, ascending asset index.
        public var bought: [Int]
        /// Names that ranked to be sold but were held fewer than `holdDays` rows, ascending.
        public var blocked: [Int]
    }

    /// An empty book. Throws for `k < 1`, `nDrop` outside `1…k` or `holdDays < 1`.
    public init(k: Int, nDrop: Int, holdDays: Int) throws(RiskError) {
        try Self.check(k: k, nDrop: nDrop, holdDays: holdDays)
        self.k = k; self.nDrop = nDrop; self.holdDays = holdDays
    }

    static func check(k: Int, nDrop: Int, holdDays: Int) throws(RiskError) {
        guard k >= 1 else { throw .invalidParameter(name: "k", reason: "must be ≥ 1 (got \(k))") }
        guard nDrop >= 1, nDrop <= k else { throw .invalidParameter(name: "nDrop", reason: "must be in 1…k = 1…\(k) (got \(nDrop))") }
        guard holdDays >= 1 else { throw .invalidParameter(name: "holdDays", reason: "must be ≥ 1 (got \(holdDays))") }
    }

    /// Trades at the close of `row` on `scores` (one per asset, NaN = no score, ±inf refused).
    @discardableResult
    public mutating func rebalance(scores: [Double], row: Int) throws(RiskError) -> Decision {
        try checkFinite(scores, "scores at row \(row)")
        // Best first; no score last; ties by the lower index.
        func better(_ a: Int, _ b: Int) -> Bool {
            let x = scores[a], y = scores[b]
            switch (x.isNaN, y.isNaN) {
            case (false, true): return true
            case (true, false): return false
            case (false, false) where x != y: return x > y
            default: return a < b
            }
        }
        let held = holdings.keys.filter { $0 < scores.count }.sorted(by: better)
        let want = max(nDrop + k - held.count, 0)
        let candidates = scores.indices.filter { !scores[$0].isNaN && holdings[$0] == nil }.sorted(by: better).prefix(want)
        let comb = (held + candidates).sorted(by: better)
        let keep = Set(comb.prefix(k))
        var sold: [Int] = [], blocked: [Int] = []
        for a in held where !keep.contains(a) {
            if row - holdings[a]! >= holdDays { sold.append(a) } else { blocked.append(a) }
        }
        let bought = Array(candidates.prefix(max(sold.count + k - held.count, 0)))
        for a in sold { holdings[a] = nil }
        for a in bought { holdings[a] = row }
        return Decision(sold: sold.sorted(), bought: bought.sorted(), blocked: blocked.sorted())
    }

    /// Equal weights `1/|holdings|` on the holdings (all zero when none), for `assetCount` assets.
    public func weights(assetCount n: Int) -> [Double] {
        var w = [Double](repeating: 0, count: n)
        guard !holdings.isEmpty else { return w }
        let each = 1 / Double(holdings.count)
        for a in holdings.keys where a < n { w[a] = each }
        return w
    }
}
