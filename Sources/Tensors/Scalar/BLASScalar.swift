import CBLAS
import RealModule

/// Whether an operand of a BLAS product is used as stored or transposed.
public enum Transpose: Sendable, Hashable {
    /// Use the matrix as stored.
    case none
    /// Use the transpose of the stored matrix.
    case transpose

    @usableFromInline
    var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// The BLAS side of ``TensorScalar``: each requirement forwards to the
/// single- or double-precision routine of the system BLAS (`s…`/`d…`).
///
/// All matrix routines use **row-major** layout; `ld*` are leading dimensions
/// (the distance in elements between consecutive rows as stored).
public protocol BLASScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// The safetensors / NumPy dtype tag (`"F32"`, `"F64"`).
    static var dtypeName: String { get }

    /// `C ← α·op(A)·op(B) + β·C` (`?gemm`), row-major; `op(A)` is `m×k`, `op(B)` is `k×n`.
    static func blasGemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

    /// `y ← α·op(A)·x + β·y` (`?gemv`), row-major `A` of `m×n` as stored.
    static func blasGemv(
        _ trans: Transpose, m: Int, n: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, x: UnsafePointer<Self>, incx: Int,
        beta: Self, y: UnsafeMutablePointer<Self>, incy: Int)

    /// `Σ xᵢ·yᵢ` (`?dot`).
    static func blasDot(
        n: Int, x: UnsafePointer<Self>, incx: Int, y: UnsafePointer<Self>, incy: Int) -> Self

    /// `y ← α·x + y` (`?axpy`).
    static func blasAxpy(
        n: Int, alpha: Self, x: UnsafePointer<Self>, incx: Int,
        y: UnsafeMutablePointer<Self>, incy: Int)

    /// `x ← α·x` (`?scal`).
    static func blasScal(n: Int, alpha: Self, x: UnsafeMutablePointer<Self>, incx: Int)

    /// Euclidean norm `‖x‖₂` without undue overflow (`?nrm2`).
    static func blasNrm2(n: Int, x: UnsafePointer<Self>, incx: Int) -> Self
}

extension Float: BLASScalar {
    /// IEEE single precision is tagged `F32` in safetensors headers.
    public static var dtypeName: String { "F32" }

    @inlinable
    public static func blasGemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, blasint(m), blasint(n), blasint(k),
                    alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    @inlinable
    public static func blasGemv(
        _ trans: Transpose, m: Int, n: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>, incx: Int,
        beta: Float, y: UnsafeMutablePointer<Float>, incy: Int
    ) {
        cblas_sgemv(CblasRowMajor, trans.cblas, blasint(m), blasint(n), alpha, a, blasint(lda),
                    x, blasint(incx), beta, y, blasint(incy))
    }

    @inlinable
    public static func blasDot(
        n: Int, x: UnsafePointer<Float>, incx: Int, y: UnsafePointer<Float>, incy: Int
    ) -> Float {
        cblas_sdot(blasint(n), x, blasint(incx), y, blasint(incy))
    }

    @inlinable
    public static func blasAxpy(
        n: Int, alpha: Float, x: UnsafePointer<Float>, incx: Int,
        y: UnsafeMutablePointer<Float>, incy: Int
    ) {
        cblas_saxpy(blasint(n), alpha, x, blasint(incx), y, blasint(incy))
    }

    @inlinable
    public static func blasScal(n: Int, alpha: Float, x: UnsafeMutablePointer<Float>, incx: Int) {
        cblas_sscal(blasint(n), alpha, x, blasint(incx))
    }

    @inlinable
    public static func blasNrm2(n: Int, x: UnsafePointer<Float>, incx: Int) -> Float {
        cblas_snrm2(blasint(n), x, blasint(incx))
    }
}

extension Double: BLASScalar {
    /// IEEE double precision is tagged `F64` in safetensors headers.
    public static var dtypeName: String { "F64" }

    @inlinable
    public static func blasGemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, blasint(m), blasint(n), blasint(k),
                    alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    @inlinable
    public static func blasGemv(
        _ trans: Transpose, m: Int, n: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, x: UnsafePointer<Double>, incx: Int,
        beta: Double, y: UnsafeMutablePointer<Double>, incy: Int
    ) {
        cblas_dgemv(CblasRowMajor, trans.cblas, blasint(m), blasint(n), alpha, a, blasint(lda),
                    x, blasint(incx), beta, y, blasint(incy))
    }

    @inlinable
    public static func blasDot(
        n: Int, x: UnsafePointer<Double>, incx: Int, y: UnsafePointer<Double>, incy: Int
    ) -> Double {
        cblas_ddot(blasint(n), x, blasint(incx), y, blasint(incy))
    }

    @inlinable
    public static func blasAxpy(
        n: Int, alpha: Double, x: UnsafePointer<Double>, incx: Int,
        y: UnsafeMutablePointer<Double>, incy: Int
    ) {
        cblas_daxpy(blasint(n), alpha, x, blasint(incx), y, blasint(incy))
    }

    @inlinable
    public static func blasScal(n: Int, alpha: Double, x: UnsafeMutablePointer<Double>, incx: Int) {
        cblas_dscal(blasint(n), alpha, x, blasint(incx))
    }

    @inlinable
    public static func blasNrm2(n: Int, x: UnsafePointer<Double>, incx: Int) -> Double {
        cblas_dnrm2(blasint(n), x, blasint(incx))
    }
}
