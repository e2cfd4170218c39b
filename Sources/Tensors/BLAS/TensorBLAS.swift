/// BLAS level 1–3 on tensors and views.
///
/// Views are passed to BLAS without copying whenever their layout allows it
/// (a unit-stride vector or a matrix with a unit row or column stride, see
/// Docs/Tensors.md); otherwise a dense copy is made. Outputs are `inout` tensors;
/// an output whose buffer is shared with another tensor is copied first
/// (copy-on-write), so results never leak into other values.
/// Shape mismatches are programmer errors: a precondition names the shapes.
extension BLAS {
    /// `Σ xᵢ·yᵢ` over all elements (`?dot`).
    ///
    /// - Precondition: equal shapes.
    public static func dot<Scalar: TensorScalar>(_ x: Tensor<Scalar>, _ y: Tensor<Scalar>) -> Scalar {
        precondition(x.shape == y.shape, "BLAS.dot: shapes \(x.shape) and \(y.shape) differ")
        let xv = x.vectorIncrement == nil ? x.contiguous() : x
        let yv = y.vectorIncrement == nil ? y.contiguous() : y
        return withExtendedLifetime((xv, yv)) {
            Scalar.blasDot(n: xv.count, x: xv.basePointer, incx: xv.vectorIncrement!,
                           y: yv.basePointer, incy: yv.vectorIncrement!)
        }
    }

    /// `y ← α·x + y` (`?axpy`).
    ///
    /// - Precondition: equal shapes.
    public static func axpy<Scalar: TensorScalar>(_ alpha: Scalar, _ x: Tensor<Scalar>, _ y: inout Tensor<Scalar>) {
        precondition(x.shape == y.shape, "BLAS.axpy: x shape \(x.shape) and y shape \(y.shape) differ")
        guard y.count > 0 else { return }
        let xv = x.vectorIncrement == nil ? x.contiguous() : x
        guard y.vectorIncrement != nil else {
            var dense = y.contiguous()
            axpy(alpha, xv, &dense)
            y.assignElements(from: dense)
            return
        }
        y.makeUnique()
        withExtendedLifetime(xv) {
            Scalar.blasAxpy(n: y.count, alpha: alpha, x: xv.basePointer, incx: xv.vectorIncrement!,
                            y: y.basePointer, incy: y.vectorIncrement!)
        }
    }

    /// `x ← α·x` (`?scal`).
    public static func scale<Scalar: TensorScalar>(_ x: inout Tensor<Scalar>, by alpha: Scalar) {
        guard x.count > 0 else { return }
        guard let inc = x.vectorIncrement else {
            var dense = x.contiguous()
            scale(&dense, by: alpha)
            x.assignElements(from: dense)
            return
        }
        x.makeUnique()
        Scalar.blasScal(n: x.count, alpha: alpha, x: x.basePointer, incx: inc)
    }

    /// The Euclidean norm of all elements (`?nrm2`).
    public static func norm<Scalar: TensorScalar>(_ x: Tensor<Scalar>) -> Scalar {
        let xv = x.vectorIncrement == nil ? x.contiguous() : x
        return withExtendedLifetime(xv) { Scalar.blasNrm2(n: xv.count, x: xv.basePointer, incx: xv.vectorIncrement!) }
    }

    /// `y ← α·op(A)·x + β·y` (`?gemv`); `A` is a rank-2 tensor or view, `x` and `y` rank 1.
    ///
    /// With `β = 0`, `y` is overwritten (its old contents, even NaN, are ignored).
    /// - Precondition: `op(A)` is `m×n`, `x` has `n` and `y` has `m` elements.
    public static func gemv<Scalar: TensorScalar>(
        _ a: Tensor<Scalar>, _ x: Tensor<Scalar>, into y: inout Tensor<Scalar>,
        trans: Transpose = .none, alpha: Scalar = 1, beta: Scalar = 0
    ) {
        warnAboutKernelsOnce()
        precondition(a.rank == 2 && x.rank == 1 && y.rank == 1,
                     "BLAS.gemv: needs a matrix and two vectors, got A \(a.shape), x \(x.shape), y \(y.shape)")
        let (m, n) = trans == .none ? (a.shape[0], a.shape[1]) : (a.shape[1], a.shape[0])
        precondition(x.count == n && y.count == m,
                     "BLAS.gemv: op(A) of shape [\(m), \(n)] (A \(a.shape), \(trans)) does not match x \(x.shape) and y \(y.shape)")
        guard m > 0 else { return }
        guard n > 0 else { if beta == 0 { zero(&y) } else { scale(&y, by: beta) }; return }
        guard y.vectorIncrement != nil else {
            var dense = y.contiguous()
            gemv(a, x, into: &dense, trans: trans, alpha: alpha, beta: beta)
            y.assignElements(from: dense)
            return
        }
        let operand = BLASOperand(a, trans)
        let xv = x.vectorIncrement == nil ? x.contiguous() : x
        y.makeUnique()
        // The operand's stored matrix is op-flipped when it came from a column-major view.
        let (rows, cols) = operand.trans == trans ? (a.shape[0], a.shape[1]) : (a.shape[1], a.shape[0])
        withExtendedLifetime((operand, xv)) {
            Scalar.blasGemv(operand.trans, m: rows, n: cols, alpha: alpha, a: operand.pointer, lda: operand.ld,
                            x: xv.basePointer, incx: xv.vectorIncrement!, beta: beta,
                            y: y.basePointer, incy: y.vectorIncrement!)
        }
    }

    /// `C ← α·op(A)·op(B) + β·C` (`?gemm`) on rank-2 tensors or views.
    ///
    /// Operands with a unit column stride are passed with their row stride as leading
    /// dimension; operands with a unit row stride (e.g. `transposed()` views) are passed
    /// as the transposed operand; anything else is copied. An output `C` with unit row
    /// stride is computed as `Cᵀ = op(B)ᵀ·op(A)ᵀ`; any other non-row-major `C` goes through
    /// a dense temporary. With `β = 0`, `C` is overwritten (old contents, even NaN, ignored).
    ///
    /// - Precondition: `op(A)` is `m×k`, `op(B)` is `k×n` and `C` is `m×n`.
    public static func gemm<Scalar: TensorScalar>(
        _ a: Tensor<Scalar>, _ b: Tensor<Scalar>, into c: inout Tensor<Scalar>,
        transA: Transpose = .none, transB: Transpose = .none, alpha: Scalar = 1, beta: Scalar = 0
    ) {
        warnAboutKernelsOnce()
        precondition(a.rank == 2 && b.rank == 2 && c.rank == 2,
                     "BLAS.gemm: needs matrices, got A \(a.shape), B \(b.shape), C \(c.shape)")
        let (m, k) = transA == .none ? (a.shape[0], a.shape[1]) : (a.shape[1], a.shape[0])
        let (kb, n) = transB == .none ? (b.shape[0], b.shape[1]) : (b.shape[1], b.shape[0])
        precondition(k == kb && c.shape == [m, n],
                     "BLAS.gemm: op(A) [\(m), \(k)] (A \(a.shape), \(transA)) × op(B) [\(kb), \(n)] (B \(b.shape), \(transB)) does not fit C \(c.shape)")
        guard m > 0 && n > 0 else { return }
        if k == 0 {
            if beta == 0 { zero(&c) } else { scale(&c, by: beta) }
            return
        }
        switch MatrixLayout(shape: c.shape, strides: c.strides) {
        case .rowMajor(let ldc):
            c.makeUnique()
            let opA = BLASOperand(a, transA), opB = BLASOperand(b, transB)
            withExtendedLifetime((opA, opB)) {
                Scalar.blasGemm(opA.trans, opB.trans, m: m, n: n, k: k, alpha: alpha,
                                a: opA.pointer, lda: opA.ld, b: opB.pointer, ldb: opB.ld,
                                beta: beta, c: c.basePointer, ldc: ldc)
            }
        case .columnMajor(let ldc):
            // Cᵀ (n×m, row-major with ld = ldc) = op(B)ᵀ · op(A)ᵀ.
            c.makeUnique()
            let opB = BLASOperand(b, transB.flipped), opA = BLASOperand(a, transA.flipped)
            withExtendedLifetime((opA, opB)) {
                Scalar.blasGemm(opB.trans, opA.trans, m: n, n: m, k: k, alpha: alpha,
                                a: opB.pointer, lda: opB.ld, b: opA.pointer, ldb: opA.ld,
                                beta: beta, c: c.basePointer, ldc: ldc)
            }
        case .strided:
            var dense = beta == 0 ? Tensor<Scalar>(shape: c.shape, repeating: 0) : c.contiguous()
            gemm(a, b, into: &dense, transA: transA, transB: transB, alpha: alpha, beta: beta)
            c.assignElements(from: dense)
        }
    }

    /// `op(A)·op(B)` in a new contiguous tensor (rank-2 operands).
    public static func matmul<Scalar: TensorScalar>(
        _ a: Tensor<Scalar>, _ b: Tensor<Scalar>, transA: Transpose = .none, transB: Transpose = .none
    ) -> Tensor<Scalar> {
        precondition(a.rank == 2 && b.rank == 2, "BLAS.matmul: needs matrices, got \(a.shape) and \(b.shape)")
        let m = transA == .none ? a.shape[0] : a.shape[1]
        let n = transB == .none ? b.shape[1] : b.shape[0]
        var c = Tensor<Scalar>(uninitializedShape: [m, n])
        gemm(a, b, into: &c, transA: transA, transB: transB)
        return c
    }

    private static func zero<Scalar: TensorScalar>(_ x: inout Tensor<Scalar>) {
        x.assignElements(from: Tensor(shape: x.shape, repeating: 0))
    }
}

extension Tensor {
    /// The matrix product `self · other` (rank 2 × rank 2 → rank 2, rank 2 × rank 1 → rank 1).
    ///
    /// - Precondition: inner dimensions agree.
    public func matmul(_ other: Tensor) -> Tensor {
        if rank == 2 && other.rank == 1 {
            precondition(shape[1] == other.shape[0],
                         "Tensor.matmul: \(shape) × \(other.shape): inner dimensions differ")
            var y = Tensor.zeros([shape[0]])
            BLAS.gemv(self, other, into: &y)
            return y
        }
        return BLAS.matmul(self, other)
    }
}

extension Transpose {
    /// The opposite operation.
    public var flipped: Transpose { self == .none ? .transpose : .none }
}
