/// Coarse-grained parallel loops on FactorLab's fixed worker pool.
///
/// The pool has `BLAS.threads − 1` long-lived workers; the calling thread is the
/// last participant. A loop costs one wake-up and one join (a few microseconds), so
/// split the work into a few large chunks (about one to four per thread), never one
/// chunk per element or per time step.
public enum Parallel {
    /// Calls `body(i)` for every `i` in `0..<chunkCount`, spread over up to `threads`
    /// threads (default `BLAS.threads`), and returns when all calls have returned.
    ///
    /// Chunks are handed out dynamically, in increasing order but with no ordering
    /// guarantee between threads; `body` must be safe to run concurrently for
    /// different `i` (write to disjoint memory). A loop started while another one is
    /// running (nested, or from a second thread) runs serially on its caller.
    /// Pool workers apply the process-wide flush-to-zero setting
    /// (``FloatingPointEnvironment/flushesDenormals``) before running chunks.
    ///
    /// - Precondition: `chunkCount >= 0`.
    public static func forEach(chunkCount: Int, threads: Int = BLAS.threads, _ body: (Int) -> Void) {
        precondition(chunkCount >= 0, "Parallel.forEach: negative chunkCount \(chunkCount)")
        guard chunkCount > 0 else { return }
        WorkerPool.shared.run(chunkCount: chunkCount, threads: max(1, threads), body)
    }

    /// The half-open index range of chunk `chunk` when `count` items are split into
    /// `chunkCount` nearly equal contiguous chunks (the first `count % chunkCount` get one more).
    public static func range(ofChunk chunk: Int, count: Int, chunkCount: Int) -> Range<Int> {
        precondition(chunkCount > 0 && chunk >= 0 && chunk < chunkCount,
                     "Parallel.range: chunk \(chunk) not in 0..<\(chunkCount)")
        let base = count / chunkCount, extra = count % chunkCount
        let start = chunk * base + min(chunk, extra)
        return start..<(start + base + (chunk < extra ? 1 : 0))
    }
}
