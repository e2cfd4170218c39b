/// Coarse-grained parallelism for the LSTM: a pass is split into a few long-running parts
/// (batch rows for the time loop, output rows for the merged GEMMs), each on its own thread
/// of FactorLab's worker pool (``Parallel``) calling single-threaded BLAS. No per-step
/// fork/join, so a busy neighbour core costs at most its share instead of stalling every step.
enum LSTMParallel {
    /// Runs `body(part)` for `part in 0..<parts`, concurrently when `parts > 1` (serially when
    /// the pool is busy with another loop).
    ///
    /// With `flush`, each executing thread sets FTZ|DAZ for the duration of its part and then
    /// restores its own setting, so no floating-point mode leaks out of the library.
    static func run(parts: Int, flush: Bool, _ body: (Int) -> Void) {
        if parts <= 1 {
            flushing(flush) { body(0) }
        } else {
            Parallel.forEach(chunkCount: parts, threads: parts) { part in
                flushing(flush) { body(part) }
            }
        }
    }

    /// Calls `body` with FTZ|DAZ set on the current thread when `flush` is true.
    @inline(__always)
    static func flushing<R>(_ flush: Bool, _ body: () -> R) -> R {
        guard flush else { return body() }
        let saved = FloatingPointEnvironment.currentThreadFlushesDenormals
        if !saved { FloatingPointEnvironment.setCurrentThreadFlushesDenormals(true) }
        defer { if !saved { FloatingPointEnvironment.setCurrentThreadFlushesDenormals(false) } }
        return body()
    }

    /// The half-open range of part `part` when `count` items are split into `parts` parts.
    @inline(__always)
    static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }
}
