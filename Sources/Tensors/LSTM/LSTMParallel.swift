import CKernels
import Dispatch

/// Coarse-grained parallelism for the LSTM: a pass is split into a few long-running parts
/// (batch rows for the time loop, output rows for the merged GEMMs), each on its own thread
/// calling single-threaded BLAS. No per-step fork/join, so a busy neighbour core costs at
/// most its share instead of stalling every step.
enum LSTMParallel {
    /// MXCSR bits FTZ (flush-to-zero, 0x8000) and DAZ (denormals-are-zero, 0x0040).
    static let flushBits: UInt32 = 0x8040

    /// Runs `body(part)` for `part in 0..<parts`, concurrently when `parts > 1`.
    ///
    /// With `flush`, each executing thread sets FTZ|DAZ for the duration of its part and then
    /// restores its own MXCSR, so no floating-point mode leaks out of the library.
    static func run(parts: Int, flush: Bool, _ body: (Int) -> Void) {
        if parts <= 1 {
            flushing(flush) { body(0) }
        } else {
            withoutActuallyEscaping(body) { escapable in
                // The parts write disjoint rows of buffers owned by the caller, which waits for
                // all of them before returning: sharing the closure across threads is safe.
                let shared = UncheckedBody(call: escapable)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    flushing(flush) { shared.call(part) }
                }
            }
        }
    }

    /// Calls `body` with FTZ|DAZ set on the current thread when `flush` is true.
    @inline(__always)
    static func flushing<R>(_ flush: Bool, _ body: () -> R) -> R {
        guard flush else { return body() }
        let saved = ck_mxcsr_get()
        ck_mxcsr_set(saved | flushBits)
        defer { ck_mxcsr_set(saved) }
        return body()
    }

    /// The half-open range of part `part` when `count` items are split into `parts` parts.
    @inline(__always)
    static func range(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        (count * part / parts)..<(count * (part + 1) / parts)
    }
}

/// A closure handed to worker threads (see ``LSTMParallel/run(parts:flush:_:)`` for why it is safe).
private struct UncheckedBody: @unchecked Sendable {
    let call: (Int) -> Void
}
