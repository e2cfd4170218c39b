import CBLAS

/// Process-global settings of the BLAS backend and of FactorLab's own parallel loops.
public enum BLAS {
    /// The number of threads OpenBLAS and FactorLab's parallel loops use.
    ///
    /// Process-global: setting it affects every thread of the process. The
    /// default is what OpenBLAS chose at load (the `OPENBLAS_NUM_THREADS`
    /// environment variable, or the core count).
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            precondition(newValue >= 1, "BLAS.threads must be at least 1, got \(newValue)")
            openblas_set_num_threads(Int32(newValue))
        }
    }
}
