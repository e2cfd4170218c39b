import CBLAS

/// Process-global settings of the BLAS backend and of FactorLab's own parallel loops.
public enum BLAS {
    /// The number of threads OpenBLAS **and** FactorLab's parallel loops
    /// (``Parallel/forEach(chunkCount:threads:_:)``, batched GEMM) use.
    ///
    /// Process-global: setting it affects every thread of the process, and it is
    /// the same number OpenBLAS reports (`openblas_get_num_threads`), so setting
    /// `OPENBLAS_NUM_THREADS` before start-up sets both. The default is what
    /// OpenBLAS chose at load (that variable, or the core count). Set it from one
    /// thread while no BLAS call is running on another; it is not a per-call or
    /// per-thread setting.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            precondition(newValue >= 1, "BLAS.threads must be at least 1, got \(newValue)")
            warnAboutKernelsOnce()
            // OpenBLAS spawns any missing workers from this thread, and they inherit its
            // MXCSR: make sure that is the process-wide flush-to-zero choice. Workers it
            // reuses already have it: every change of that choice re-creates all of them
            // (FloatingPointEnvironment.restartOpenBLASWorkers), so this setter stays cheap
            // enough to wrap single passes in `BLAS.withThreads(1)`.
            let callerSetting = FloatingPointEnvironment.currentThreadFlushesDenormals
            let wanted = FloatingPointEnvironment.flushesDenormals
            if callerSetting != wanted { FloatingPointEnvironment.setCurrentThreadFlushesDenormals(wanted) }
            openblas_set_num_threads(Int32(newValue))
            if callerSetting != wanted { FloatingPointEnvironment.setCurrentThreadFlushesDenormals(callerSetting) }
        }
    }

    /// A short description of the BLAS library (`openblas_get_config()`), e.g. for benchmark records.
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The CPU kernel family OpenBLAS selected (`openblas_get_corename()`).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// Runs `body` with ``threads`` set to `count`, then restores the previous value.
    public static func withThreads<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        let previous = threads
        if previous != count { threads = count }
        defer { if threads != previous { threads = previous } }
        return try body()
    }
}
