import CBLAS

/// How a batch of GEMMs is spread over the `BLAS.threads` cores.
public enum BatchedGEMMStrategy: Sendable, Hashable, CaseIterable {
    /// Fold when possible, else split small items across threads and run large ones
    /// one after another with OpenBLAS threading each call (see ``BatchedGEMMTuning``).
    case automatic
    /// One BLAS call per item, in order; OpenBLAS threads each call as it sees fit.
    case sequential
    /// Items divided into `4 · BLAS.threads` chunks of equal work on FactorLab's worker pool;
    /// every item is a single-threaded BLAS call (or the tiny kernel); OpenBLAS is pinned
    /// to one thread meanwhile when an item exceeds its own single-thread limit.
    case splitBatch
    /// One large GEMM when the layout allows (shared `B`, per-item `A` and `C` stacked
    /// row-wise, `op(A) = A`); otherwise behaves as ``automatic``.
    case folded
}

/// The constants behind ``BatchedGEMMStrategy/automatic`` (measured, Docs/Tensors.md).
public enum BatchedGEMMTuning {
    /// OpenBLAS 0.3.21 runs a GEMM on one thread when `m·n·k ≤ 65536 · 4`
    /// (`SMP_THRESHOLD_MIN · GEMM_MULTITHREAD_THRESHOLD` in `interface/gemm.c`), whatever
    /// its thread count; such calls may run concurrently from several threads.
    public static let openBLASSingleThreadedWork = 262_144

    /// Items with `m·n·k` up to this are split across threads by ``BatchedGEMMStrategy/automatic``;
    /// larger ones are left to OpenBLAS's own threading. Measured: the split (OpenBLAS
    /// pinned to one thread meanwhile) beat OpenBLAS's threading 1.2–2.6× from 24³ to 192³
    /// at 2 threads; 2²³ ≈ 203³ is the edge of that evidence.
    public static let splitWorkThreshold = 8_388_608

    /// Items with `m·n·k` up to this (8³) skip BLAS and use a plain-loop kernel, in every
    /// strategy: cblas call overhead dominates there, and concurrent tiny OpenBLAS calls
    /// contend with each other. Measured: the kernel matches cblas at 8³ and splits 1.4–2.5×
    /// faster at 2 threads, but loses to cblas at 12³ and 16³ (0.4–0.8×).
    public static let tinyWorkThreshold = 512

    /// A foldable batch (shared `B`) whose single GEMM has `m·n·k` up to this (512³) is cut
    /// into one row block per thread instead of being left to OpenBLAS's threading.
    public static let foldSplitWorkLimit = 134_217_728
}

/// Runs `item(i)` for `i` in `0..<count` by `strategy` (never `.folded`/`.automatic` here).
///
/// For `.splitBatch`, the items are cut into `4 · threads` contiguous chunks whose
/// boundaries balance the work (prefix sums of per-item work
/// when given, equal item counts otherwise). Items bigger than OpenBLAS's
/// single-thread limit are run with OpenBLAS pinned to one thread for the duration
/// (process-global, see Docs/Threading.md).
func runBatch(count: Int, strategy: BatchedGEMMStrategy, maxItemWork: Int,
              workPrefix: [Int]? = nil, _ item: (Int) -> Void) {
    let threads = BLAS.threads
    guard strategy == .splitBatch, threads > 1, count > 1 else {
        for i in 0..<count { item(i) }
        return
    }
    // A few chunks per thread: a worker descheduled by another process then delays
    // only a quarter of its share (the pool hands chunks out dynamically).
    let chunks = min(threads * 4, count)
    withOpenBLASPinned(maxItemWork > BatchedGEMMTuning.openBLASSingleThreadedWork, restoring: threads) {
        Parallel.forEach(chunkCount: chunks, threads: threads) { chunk in
            for i in chunkRange(chunk, chunks: chunks, count: count, workPrefix: workPrefix) { item(i) }
        }
    }
}

/// Runs `body` with OpenBLAS at one thread when `pin` (so that concurrent calls it would
/// otherwise thread do not share its worker pool), then restores `threads`.
/// Process-global for the duration: see Docs/Threading.md.
func withOpenBLASPinned(_ pin: Bool, restoring threads: Int, _ body: () -> Void) {
    guard pin else { body(); return }
    openblas_set_num_threads(1)
    body()
    openblas_set_num_threads(Int32(threads))
}

/// The items of chunk `chunk`: equal counts, or equal total work given prefix sums
/// (`workPrefix[i]` = work of items `0..<i`, `count + 1` entries).
func chunkRange(_ chunk: Int, chunks: Int, count: Int, workPrefix: [Int]?) -> Range<Int> {
    guard let prefix = workPrefix, let total = prefix.last, total > 0 else {
        return Parallel.range(ofChunk: chunk, count: count, chunkCount: chunks)
    }
    func boundary(_ c: Int) -> Int {
        if c == 0 { return 0 }
        if c == chunks { return count }
        let target = total * c / chunks
        // First item index whose starting prefix reaches the target.
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if prefix[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
    return boundary(chunk)..<boundary(chunk + 1)
}
