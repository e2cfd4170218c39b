import CBLAS

/// How a batch of GEMMs is spread over the `BLAS.threads` cores.
public enum BatchedGEMMStrategy: Sendable, Hashable, CaseIterable {
    /// Fold when possible, else split small items across threads and run large ones
    /// one after another with OpenBLAS threading each call (see ``BatchedGEMMTuning``).
    case automatic
    /// One BLAS call per item, in order; OpenBLAS threads each call as it sees fit.
    case sequential
    /// Items divided into `BLAS.threads` chunks of equal work on FactorLab's worker pool;
    /// every item is a single-threaded BLAS call.
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
    /// larger ones are left to OpenBLAS's own threading.
    public static let splitWorkThreshold = 262_144
}

/// Runs `item(i)` for `i` in `0..<count` by `strategy` (never `.folded`/`.automatic` here).
///
/// For `.splitBatch`, chunk boundaries balance `work` (prefix sums of per-item work
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
    let chunks = min(threads, count)
    // Concurrent calls that OpenBLAS would thread must not share its thread pool.
    let pinOpenBLAS = maxItemWork > BatchedGEMMTuning.openBLASSingleThreadedWork
    if pinOpenBLAS { openblas_set_num_threads(1) }
    Parallel.forEach(chunkCount: chunks, threads: threads) { chunk in
        for i in chunkRange(chunk, chunks: chunks, count: count, workPrefix: workPrefix) { item(i) }
    }
    if pinOpenBLAS { openblas_set_num_threads(Int32(threads)) }
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
