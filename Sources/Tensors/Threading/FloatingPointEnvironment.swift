#if canImport(Glibc)
import Glibc
#endif
import CBLAS
import Synchronization

/// Denormal handling (flush-to-zero / denormals-are-zero) on x86-64.
///
/// Arithmetic that produces or consumes subnormal numbers (|x| < 1.2e-38 in
/// `Float`) can be one to two orders of magnitude slower on CPUs that handle them
/// in microcode (Intel: an OpenBLAS sgemm with subnormal products was measured 11×
/// slower; see Docs/Threading.md). Setting the MXCSR bits FTZ (0x8000: subnormal
/// results become ±0) and DAZ (0x0040: subnormal inputs read as ±0) removes that
/// cost at the price of IEEE gradual underflow.
///
/// MXCSR is **per thread**. ``flushesDenormals`` is a process-wide setting applied to
/// the calling thread, to FactorLab's pool workers (before each parallel loop) and
/// to OpenBLAS's worker threads (which are restarted so that they inherit it).
/// Other threads — Swift concurrency executors, threads you create — keep their own
/// state; use ``setCurrentThreadFlushesDenormals(_:)`` there.
public enum FloatingPointEnvironment {
    /// The MXCSR bits FTZ (flush-to-zero) and DAZ (denormals-are-zero).
    public static let flushToZeroBits: UInt32 = 0x8040

    private static let processSetting = Atomic<Bool>(false)

    /// The MXCSR register of the calling thread.
    public static var currentMXCSR: UInt32 {
        #if arch(x86_64)
        var environment = fenv_t()
        fegetenv(&environment)
        return environment.__mxcsr
        #else
        return 0
        #endif
    }

    /// Whether the calling thread currently flushes denormals (both FTZ and DAZ set).
    public static var currentThreadFlushesDenormals: Bool {
        currentMXCSR & flushToZeroBits == flushToZeroBits
    }

    /// Sets or clears FTZ and DAZ on the calling thread only.
    public static func setCurrentThreadFlushesDenormals(_ enabled: Bool) {
        #if arch(x86_64)
        var environment = fenv_t()
        fegetenv(&environment)
        let wanted = enabled ? environment.__mxcsr | flushToZeroBits : environment.__mxcsr & ~flushToZeroBits
        guard wanted != environment.__mxcsr else { return }
        environment.__mxcsr = wanted
        fesetenv(&environment)
        #endif
    }

    /// The process-wide flush-to-zero setting (default `false`, IEEE behaviour).
    ///
    /// Setting it changes the calling thread's MXCSR, makes FactorLab's pool workers
    /// adopt it before their next loop, and restarts OpenBLAS's worker threads so that
    /// they inherit it (OpenBLAS copies no MXCSR into its workers; a thread created
    /// by `pthread_create` inherits its creator's). Process-global like
    /// ``BLAS/threads``: change it only while no BLAS call is running on another thread.
    public static var flushesDenormals: Bool {
        get { processSetting.load(ordering: .relaxed) }
        set {
            processSetting.store(newValue, ordering: .relaxed)
            setCurrentThreadFlushesDenormals(newValue)
            restartOpenBLASWorkers()
        }
    }

    /// Runs `body` with ``flushesDenormals`` set to `true` and restores the previous setting.
    ///
    /// Meant for whole computations (a training run, a benchmark): entering and
    /// leaving restarts OpenBLAS's worker threads, which costs tens of microseconds.
    public static func withFlushToZero<R>(_ body: () throws -> R) rethrows -> R {
        let previous = flushesDenormals
        if !previous { flushesDenormals = true }
        defer { if !previous { flushesDenormals = false } }
        return try body()
    }

    /// Brings the calling (pool worker) thread in line with the process-wide setting.
    static func applyProcessSetting() {
        setCurrentThreadFlushesDenormals(processSetting.load(ordering: .relaxed))
    }

    /// Re-creates OpenBLAS's worker threads from the calling thread so they inherit its MXCSR.
    ///
    /// Uses `blas_thread_shutdown_` and `blas_thread_init`, exported OpenBLAS (pthreads
    /// build) symbols looked up at run time; with another BLAS they are absent and only
    /// the calling thread and FactorLab's workers change. The workers are re-created
    /// immediately: left to OpenBLAS, they would be spawned lazily by whichever thread
    /// makes the next threaded call, with that thread's MXCSR. `blas_thread_init` creates
    /// as many workers as OpenBLAS ever had (even while its count is 1), so afterwards
    /// every worker, present or re-used later, has the new setting.
    static func restartOpenBLASWorkers() {
        guard let shutdown = openBLASThreadShutdown, let initialise = openBLASThreadInit else { return }
        let threads = openblas_get_num_threads()
        _ = shutdown()
        _ = initialise()
        openblas_set_num_threads(threads)
    }

    private typealias ServerFunction = @convention(c) () -> Int32

    // Looked up once (C function pointers are immutable).
    private static let openBLASThreadShutdown = lookUp("blas_thread_shutdown_")
    private static let openBLASThreadInit = lookUp("blas_thread_init")

    private static func lookUp(_ name: String) -> ServerFunction? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: ServerFunction.self)
    }
}
