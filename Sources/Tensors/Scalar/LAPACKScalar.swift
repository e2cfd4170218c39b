import CBLAS

/// The LAPACK side of ``TensorScalar``: each requirement forwards to the
/// `s…`/`d…` LAPACKE routine in **row-major** layout and returns LAPACK's `info`
/// (0 on success, `-i` when argument `i` was illegal, `> 0` for a routine-specific
/// failure).
public protocol LAPACKScalar: BinaryFloatingPoint {
    /// QR factorisation `A = Q·R` of an `m×n` matrix (`?geqrf`).
    ///
    /// On return the upper triangle of `a` holds `R` and the part below the diagonal,
    /// with `tau` (`min(m, n)` elements), holds the Householder reflectors of `Q`.
    static func lapackGeqrf(m: Int, n: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                            tau: UnsafeMutablePointer<Self>) -> Int32

    /// Forms the `m×n` matrix `Q` with orthonormal columns from the first `k`
    /// reflectors left by ``lapackGeqrf(m:n:a:lda:tau:)`` (`?orgqr`; `m ≥ n ≥ k`).
    static func lapackOrgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Self>, lda: Int,
                            tau: UnsafePointer<Self>) -> Int32
}

extension Float: LAPACKScalar {
    @inlinable
    public static func lapackGeqrf(m: Int, n: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                                   tau: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), a, Int32(lda), tau)
    }

    @inlinable
    public static func lapackOrgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Float>, lda: Int,
                                   tau: UnsafePointer<Float>) -> Int32 {
        LAPACKE_sorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(k), a, Int32(lda), tau)
    }
}

extension Double: LAPACKScalar {
    @inlinable
    public static func lapackGeqrf(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                                   tau: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), a, Int32(lda), tau)
    }

    @inlinable
    public static func lapackOrgqr(m: Int, n: Int, k: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                                   tau: UnsafePointer<Double>) -> Int32 {
        LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(k), a, Int32(lda), tau)
    }
}
