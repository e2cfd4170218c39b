import CKernels

/// The elementwise-kernel side of ``TensorScalar``: each requirement forwards
/// to the single- or double-precision vectorised kernel in `CKernels`.
///
/// All buffers are dense; an output may alias an input of the same length.
/// Accuracy of the activations is documented in Docs/Kernels.md.
public protocol KernelScalar: BinaryFloatingPoint {
    /// `y[i] = 1/(1+e^{-x[i]})` for `i < count`.
    static func kernelSigmoid(count: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// `y[i] = tanh(x[i])` for `i < count`.
    static func kernelTanh(count: Int, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>)
    /// `y[i] = a[i] + b[i]`.
    static func kernelAdd(count: Int, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                          _ y: UnsafeMutablePointer<Self>)
    /// `y[i] = a[i] · b[i]`.
    static func kernelMultiply(count: Int, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                               _ y: UnsafeMutablePointer<Self>)
    /// `y[i] += a[i] · b[i]`.
    static func kernelMultiplyAdd(count: Int, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                  _ y: UnsafeMutablePointer<Self>)

    /// Fused LSTM forward step on `rows` rows (see `ck_lstm_forward_f32`):
    /// `gates` [rows, 4H] pre-activations in, activations out; `bias` [4H] or nil;
    /// `cPrev`, `c`, `h`, `tanhC` [rows, H] (`tanhC` nil for inference).
    static func kernelLSTMForward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Self>, bias: UnsafePointer<Self>?,
        cPrev: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>, h: UnsafeMutablePointer<Self>,
        tanhC: UnsafeMutablePointer<Self>?)

    /// Fused LSTM backward step on `rows` rows (see `ck_lstm_backward_f32`):
    /// `gates` activations in, pre-activation gradients out; `dhA`/`dhB` are two optional
    /// summands of ∂L/∂h with row strides `lda`/`ldb`; `dc` is ∂L/∂c_t in, ∂L/∂c_{t−1} out.
    static func kernelLSTMBackward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Self>, cPrev: UnsafePointer<Self>,
        tanhC: UnsafePointer<Self>, dhA: UnsafePointer<Self>?, lda: Int,
        dhB: UnsafePointer<Self>?, ldb: Int, dc: UnsafeMutablePointer<Self>)

    /// `C[m×n] = bias + A[m×k]·Wt[k×n]` (row-major, row strides `lda`, `ldw`, `ldc`; `bias` [n]
    /// added to every row when given) for a small inner dimension `k` (the LSTM input
    /// projection with few input features), where it beats BLAS.
    static func kernelGemmSmallK(m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int,
                                 wt: UnsafePointer<Self>, ldw: Int, bias: UnsafePointer<Self>?,
                                 c: UnsafeMutablePointer<Self>, ldc: Int)

    /// `S[k×n] = X[m×k]ᵀ·G[m×n]` on the columns `columns` of S and G, for small `k` (the LSTM
    /// input-weight gradient). Bit-identical whatever the column split.
    static func kernelGemmTNSmallM(m: Int, columns: Range<Int>, k: Int, x: UnsafePointer<Self>, ldx: Int,
                                   g: UnsafePointer<Self>, ldg: Int, s: UnsafeMutablePointer<Self>, lds: Int)

    /// Whether computations in this type benefit from flushing subnormals (FTZ/DAZ):
    /// true for `Float`, whose LSTM gradients decay into the subnormal range.
    static var prefersFlushToZero: Bool { get }
}

extension Float: KernelScalar {
    @inlinable public static func kernelSigmoid(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        ck_sigmoid_f32(count, x, y)
    }
    @inlinable public static func kernelTanh(count: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        ck_tanh_f32(count, x, y)
    }
    @inlinable public static func kernelAdd(count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                            _ y: UnsafeMutablePointer<Float>) {
        ck_add_f32(count, a, b, y)
    }
    @inlinable public static func kernelMultiply(count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                 _ y: UnsafeMutablePointer<Float>) {
        ck_mul_f32(count, a, b, y)
    }
    @inlinable public static func kernelMultiplyAdd(count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                    _ y: UnsafeMutablePointer<Float>) {
        ck_fma_f32(count, a, b, y)
    }
    @inlinable public static func kernelLSTMForward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?,
        cPrev: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, h: UnsafeMutablePointer<Float>,
        tanhC: UnsafeMutablePointer<Float>?
    ) {
        ck_lstm_forward_f32(rows, hidden, gates, bias, cPrev, c, h, tanhC)
    }
    @inlinable public static func kernelLSTMBackward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Float>, cPrev: UnsafePointer<Float>,
        tanhC: UnsafePointer<Float>, dhA: UnsafePointer<Float>?, lda: Int,
        dhB: UnsafePointer<Float>?, ldb: Int, dc: UnsafeMutablePointer<Float>
    ) {
        ck_lstm_backward_f32(rows, hidden, gates, cPrev, tanhC, dhA, lda, dhB, ldb, dc)
    }
    @inlinable public static func kernelGemmSmallK(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, wt: UnsafePointer<Float>, ldw: Int,
        bias: UnsafePointer<Float>?, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        ck_gemm_small_k_f32(m, n, k, a, lda, wt, ldw, bias, c, ldc)
    }
    @inlinable public static func kernelGemmTNSmallM(
        m: Int, columns: Range<Int>, k: Int, x: UnsafePointer<Float>, ldx: Int, g: UnsafePointer<Float>, ldg: Int,
        s: UnsafeMutablePointer<Float>, lds: Int
    ) {
        ck_gemm_tn_small_m_f32(m, columns.lowerBound, columns.upperBound, k, x, ldx, g, ldg, s, lds)
    }
    @inlinable public static var prefersFlushToZero: Bool { true }
}

extension Double: KernelScalar {
    @inlinable public static func kernelSigmoid(count: Int, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        ck_sigmoid_f64(count, x, y)
    }
    @inlinable public static func kernelTanh(count: Int, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        ck_tanh_f64(count, x, y)
    }
    @inlinable public static func kernelAdd(count: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                            _ y: UnsafeMutablePointer<Double>) {
        ck_add_f64(count, a, b, y)
    }
    @inlinable public static func kernelMultiply(count: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                                 _ y: UnsafeMutablePointer<Double>) {
        ck_mul_f64(count, a, b, y)
    }
    @inlinable public static func kernelMultiplyAdd(count: Int, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                                    _ y: UnsafeMutablePointer<Double>) {
        ck_fma_f64(count, a, b, y)
    }
    @inlinable public static func kernelLSTMForward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Double>, bias: UnsafePointer<Double>?,
        cPrev: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, h: UnsafeMutablePointer<Double>,
        tanhC: UnsafeMutablePointer<Double>?
    ) {
        ck_lstm_forward_f64(rows, hidden, gates, bias, cPrev, c, h, tanhC)
    }
    @inlinable public static func kernelLSTMBackward(
        rows: Int, hidden: Int, gates: UnsafeMutablePointer<Double>, cPrev: UnsafePointer<Double>,
        tanhC: UnsafePointer<Double>, dhA: UnsafePointer<Double>?, lda: Int,
        dhB: UnsafePointer<Double>?, ldb: Int, dc: UnsafeMutablePointer<Double>
    ) {
        ck_lstm_backward_f64(rows, hidden, gates, cPrev, tanhC, dhA, lda, dhB, ldb, dc)
    }
    @inlinable public static func kernelGemmSmallK(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, wt: UnsafePointer<Double>, ldw: Int,
        bias: UnsafePointer<Double>?, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        ck_gemm_small_k_f64(m, n, k, a, lda, wt, ldw, bias, c, ldc)
    }
    @inlinable public static func kernelGemmTNSmallM(
        m: Int, columns: Range<Int>, k: Int, x: UnsafePointer<Double>, ldx: Int, g: UnsafePointer<Double>, ldg: Int,
        s: UnsafeMutablePointer<Double>, lds: Int
    ) {
        ck_gemm_tn_small_m_f64(m, columns.lowerBound, columns.upperBound, k, x, ldx, g, ldg, s, lds)
    }
    @inlinable public static var prefersFlushToZero: Bool { false }
}
