/// `C ← α·op(A)·op(B) + β·C` for tiny matrices, in plain (vectorisable) loops.
///
/// Batched GEMM uses it for items with `m·n·k ≤ BatchedGEMMTuning.tinyWorkThreshold`:
/// there a cblas call costs more than the arithmetic (≈ 0.25 µs for 8³ on the
/// reference machine), and OpenBLAS calls issued concurrently from several threads
/// slow each other down (a 2-thread split of 10 000 × 8³ sgemm calls was 2.5× *slower*
/// than one thread). Eight-column blocks are vectorised; the rest is scalar and slow, which
/// is why the threshold is small. Semantics follow BLAS: `β = 0` overwrites `C` (NaN ignored),
/// `α = 0` skips the product. Row-major, leading dimensions as in ``BLASScalar/blasGemm``.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func tinyGEMM<Scalar: TensorScalar>(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
    b: UnsafePointer<Scalar>, ldb: Int,
    beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
) {
    // op(A)(i, p) = a[i·aRow + p·aCol]; op(B)(p, j) = b[p·bRow + j·bCol].
    let (aRow, aCol) = transA == .none ? (lda, 1) : (1, lda)
    let (bRow, bCol) = transB == .none ? (ldb, 1) : (1, ldb)
    guard alpha != 0 else {
        for i in 0..<m {
            for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
        }
        return
    }
    for i in 0..<m {
        let cRow = c + i * ldc, aI = a + i * aRow
        var j = 0
        if bCol == 1 {
            // Eight columns at a time, accumulated in one vector register over p.
            while j + 8 <= n {
                var sum = SIMD8<Scalar>(repeating: 0)
                for p in 0..<k {
                    sum += aI[p * aCol] * UnsafeRawPointer(b + p * bRow + j).loadUnaligned(as: SIMD8<Scalar>.self)
                }
                let target = UnsafeMutableRawPointer(cRow + j)
                var result = alpha * sum
                if beta != 0 { result += beta * UnsafeRawPointer(target).loadUnaligned(as: SIMD8<Scalar>.self) }
                target.storeBytes(of: result, as: SIMD8<Scalar>.self)
                j += 8
            }
        }
        while j < n {
            var sum: Scalar = 0
            for p in 0..<k { sum += aI[p * aCol] * b[p * bRow + j * bCol] }
            cRow[j] = alpha * sum + (beta == 0 ? 0 : beta * cRow[j])
            j += 1
        }
    }
}

/// One batched item: the tiny kernel or the BLAS call, by work.
@inline(__always)
func batchItemGEMM<Scalar: TensorScalar>(
    _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
    alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
    b: UnsafePointer<Scalar>, ldb: Int,
    beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
) {
    if m * n * k <= BatchedGEMMTuning.tinyWorkThreshold {
        tinyGEMM(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                 beta: beta, c: c, ldc: ldc)
    } else {
        Scalar.blasGemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                        beta: beta, c: c, ldc: ldc)
    }
}
