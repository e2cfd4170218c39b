import Synchronization

/// How one LSTM pass (forward or backward) uses ``BLAS/threads`` threads (Docs/Threading.md).
///
/// Reproducibility rule: the same seed, data, thread count and plan give bit-identical results.
/// The automatic plan is a deterministic function of the shape and thread count
/// (``LSTMPlanner/plan(batch:steps:inputSize:hiddenSize:layers:scalarSize:threads:)``), so the
/// same seed and thread count suffice unless a plan is forced.
public struct LSTMPlan: Sendable, Hashable, CustomStringConvertible {
    /// The ways a pass can be threaded.
    public enum Strategy: String, Sendable, Hashable, CaseIterable {
        /// The batch is cut into ``LSTMPlan/parts`` row blocks; each block runs the whole time
        /// loop on its own pool thread with single-threaded OpenBLAS (no per-step barrier), and
        /// the merged (time-parallel) GEMMs are cut into as many row or column blocks.
        case batchSplit = "split"
        /// No split: every BLAS call is one call threaded by OpenBLAS (the floor's strategy).
        case openBLAS = "blas"
        /// The time loop as in `batchSplit`; the merged GEMMs (input projection, weight and input
        /// gradients) as single OpenBLAS calls threaded ``LSTMPlan/threads`` ways.
        case hybrid = "hybrid"
    }

    /// How the pass is threaded.
    public var strategy: Strategy
    /// Row blocks of the batch (1 for `openBLAS`).
    public var parts: Int
    /// The thread count the plan was made for (``BLAS/threads``).
    public var threads: Int

    /// A plan; `parts` is forced to 1 for `openBLAS`.
    /// - Precondition: `parts` and `threads` ≥ 1.
    public init(strategy: Strategy, parts: Int, threads: Int) {
        precondition(parts >= 1 && threads >= 1, "LSTMPlan: parts \(parts) and threads \(threads) must be ≥ 1")
        self.strategy = strategy
        self.parts = strategy == .openBLAS ? 1 : parts
        self.threads = threads
    }

    /// E.g. `split 8 × 1 BLAS thread (of 16)`, `blas 1 × 16 BLAS threads`, `hybrid 8 × 1, merged GEMMs × 16`.
    public var description: String {
        switch strategy {
        case .batchSplit: "split \(parts) × 1 BLAS thread (of \(threads))"
        case .openBLAS: "blas 1 × \(threads) BLAS thread\(threads == 1 ? "" : "s")"
        case .hybrid: "hybrid \(parts) × 1, merged GEMMs × \(threads) BLAS threads"
        }
    }

    /// Whether OpenBLAS is held at one thread during the time loop.
    var splitsTimeLoop: Bool { strategy != .openBLAS && parts > 1 }
}

/// A forced plan: a strategy with an optional part count (nil: the planner's count).
public struct LSTMPlanOverride: Sendable, Hashable, CustomStringConvertible {
    /// The forced strategy.
    public var strategy: LSTMPlan.Strategy
    /// The forced part count (clamped to the batch and ``BLAS/threads``), or nil for the planner's.
    public var parts: Int?

    /// A forced strategy with an optional part count.
    public init(strategy: LSTMPlan.Strategy, parts: Int? = nil) {
        self.strategy = strategy
        self.parts = parts
    }

    /// Parses `auto` (nil), `blas`, `split`, `split:8`, `hybrid`, `hybrid:4`.
    /// - Throws: ``LSTMPlanError`` naming the text.
    public static func parse(_ text: String) throws(LSTMPlanError) -> LSTMPlanOverride? {
        let t = text.lowercased()
        if t == "auto" || t.isEmpty { return nil }
        let f = t.split(separator: ":", omittingEmptySubsequences: false)
        guard let strategy = LSTMPlan.Strategy(rawValue: String(f[0])), f.count <= 2 else { throw .invalid(text) }
        guard f.count == 2 else { return LSTMPlanOverride(strategy: strategy) }
        guard strategy != .openBLAS, let n = Int(f[1]), n >= 1 else { throw .invalid(text) }
        return LSTMPlanOverride(strategy: strategy, parts: n)
    }

    /// The text ``parse(_:)`` reads back, e.g. `split:8`.
    public var description: String { parts.map { "\(strategy.rawValue):\($0)" } ?? strategy.rawValue }
}

/// A plan text that does not parse.
public enum LSTMPlanError: Error, Equatable, CustomStringConvertible {
    /// The text, as given.
    case invalid(String)
    /// What is wrong and what is accepted.
    public var description: String {
        switch self {
        case .invalid(let t): "invalid LSTM plan '\(t)': use auto, blas, split[:parts] or hybrid[:parts]"
        }
    }
}

/// Chooses the ``LSTMPlan`` of every LSTM pass: the single LSTM, `LSTMRegressor`/`Trainer`, the
/// grouped trainer and therefore the pipeline's models (Docs/Threading.md).
public enum LSTMPlanner {
    /// Rows per block below which more blocks stop paying for themselves on wide hidden states
    /// (see ``plan(batch:steps:inputSize:hiddenSize:layers:scalarSize:threads:)``).
    static let minimumRowsPerPart = 8

    /// The automatic plan, a pure function of the shape and thread count.
    ///
    /// - 1 thread: `split 1` (one block, OpenBLAS at one thread).
    /// - 2 threads: `split min(2, B)` — the strategy measured best on the 2-core host (Docs/LSTM.md)
    ///   and unchanged since, so 1- and 2-thread results stay bit-identical to earlier releases.
    /// - More threads: `split p` with `p = min(threads, max(2, B / 8))` — every block keeps at least
    ///   eight rows so the per-step GEMM h·W_hhᵀ still amortises OpenBLAS's packing of W_hh
    ///   (4H·H elements packed per call against 8·4H·H multiply-adds). OpenBLAS's own threading of
    ///   that GEMM needs a barrier per step and, in 0.3.21, does not thread calls with m·n·k ≤ 64³
    ///   at all, so splitting the batch beats it at every measured shape (Docs/Threading.md).
    public static func plan(batch: Int, steps: Int, inputSize: Int, hiddenSize: Int, layers: Int,
                            scalarSize: Int, threads: Int) -> LSTMPlan {
        let threads = max(threads, 1)
        if let forced = forcedPlan {
            // More blocks than threads would only oversubscribe the cores.
            let parts = min(max(forced.parts ?? automaticParts(batch: batch, threads: threads), 1), batch, threads)
            return LSTMPlan(strategy: forced.strategy, parts: parts, threads: threads)
        }
        return LSTMPlan(strategy: .batchSplit, parts: automaticParts(batch: batch, threads: threads), threads: threads)
    }

    static func automaticParts(batch: Int, threads: Int) -> Int {
        if threads <= 2 { return min(threads, batch) }
        return min(threads, batch, max(2, batch / minimumRowsPerPart))
    }

    /// Forces every LSTM pass of the process onto one strategy (nil: automatic). Set it from one
    /// thread while no LSTM pass runs, like ``BLAS/threads``. Initialised from the environment
    /// variable `FACTORLAB_LSTM_PLAN` (`auto`, `blas`, `split[:p]`, `hybrid[:p]`) when valid.
    public static var forcedPlan: LSTMPlanOverride? {
        get { overrideStorage.withLock { $0 } }
        set { overrideStorage.withLock { $0 = newValue } }
    }

    private static let overrideStorage = Mutex<LSTMPlanOverride?>({
        guard let text = getenvString("FACTORLAB_LSTM_PLAN") else { return nil }
        return (try? LSTMPlanOverride.parse(text)) ?? nil
    }())

    /// Runs `body` with ``forcedPlan`` set to `plan`, then restores it.
    public static func withForcedPlan<R>(_ plan: LSTMPlanOverride?, _ body: () throws -> R) rethrows -> R {
        let previous = forcedPlan
        forcedPlan = plan
        defer { forcedPlan = previous }
        return try body()
    }

    /// Parts for the grouped trainer: whole groups (independent networks) per part, one part per
    /// thread (at most one part per group) — the split the grouped trainer has always used.
    static func groupedParts(groups: Int, threads: Int) -> Int {
        min(max(threads, 1), groups)
    }
}
