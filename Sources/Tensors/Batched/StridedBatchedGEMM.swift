extension BLAS {
    /// `Cᵢ ← α·op(Aᵢ)·op(Bᵢ) + β·Cᵢ` for `i` in `0..<batchCount`, with
    /// `Aᵢ = a + i·strideA` (likewise `B`, `C`), row-major, like cuBLAS
    /// `gemmStridedBatched`. A stride of 0 shares that operand across the batch.
    ///
    /// OpenBLAS has no batched GEMM; the strategy (``BatchedGEMMStrategy``) decides
    /// between one folded call, a batch split over threads, and a plain loop.
    ///
    /// - Precondition: sizes ≥ 0, `strideC ≠ 0` when `batchCount > 1`, and the `Cᵢ`
    ///   must not overlap each other or any `Aᵢ`/`Bᵢ` (they are written concurrently).
    public static func gemmStridedBatched<Scalar: TensorScalar>(
        transA: Transpose, transB: Transpose, m: Int, n: Int, k: Int, alpha: Scalar,
        a: UnsafePointer<Scalar>, lda: Int, strideA: Int,
        b: UnsafePointer<Scalar>, ldb: Int, strideB: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int, strideC: Int,
        batchCount: Int, strategy: BatchedGEMMStrategy = .automatic
    ) {
        precondition(m >= 0 && n >= 0 && k >= 0 && batchCount >= 0,
                     "BLAS.gemmStridedBatched: negative size m \(m), n \(n), k \(k), batch \(batchCount)")
        precondition(batchCount <= 1 || strideC != 0,
                     "BLAS.gemmStridedBatched: strideC is 0 for a batch of \(batchCount): outputs would overlap")
        guard batchCount > 0, m > 0, n > 0 else { return }
        let work = m * n * k
        let foldable = strideB == 0 && transA == .none && strideA == m * lda && strideC == m * ldc
        var chosen = strategy
        if strategy == .automatic || strategy == .folded {
            if foldable && batchCount > 1 {
                foldedGEMM(transB, rows: batchCount * m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                           b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
                return
            }
            chosen = automaticStrategy(itemWork: work, batchCount: batchCount)
        }
        runBatch(count: batchCount, strategy: chosen, maxItemWork: work) { i in
            batchItemGEMM(transA, transB, m: m, n: n, k: k, alpha: alpha,
                            a: a + i * strideA, lda: lda, b: b + i * strideB, ldb: ldb,
                            beta: beta, c: c + i * strideC, ldc: ldc)
        }
    }

    /// The batched GEMM on tensors: `a` is `[batch, ·, ·]` (or a single matrix shared by
    /// all items), likewise `b`; `c` is `[batch, m, n]`, with `op(aᵢ)` `m×k` and `op(bᵢ)` `k×n`.
    ///
    /// Items are passed without copying when each is a matrix with a unit row or column
    /// stride (any batch stride); otherwise that operand is copied densely first.
    ///
    /// - Precondition: shapes as above, with equal batch sizes.
    public static func batchedGEMM<Scalar: TensorScalar>(
        _ a: Tensor<Scalar>, _ b: Tensor<Scalar>, into c: inout Tensor<Scalar>,
        transA: Transpose = .none, transB: Transpose = .none, alpha: Scalar = 1, beta: Scalar = 0,
        strategy: BatchedGEMMStrategy = .automatic
    ) {
        precondition((a.rank == 2 || a.rank == 3) && (b.rank == 2 || b.rank == 3) && c.rank == 3,
                     "BLAS.batchedGEMM: needs A and B of rank 2 or 3 and C of rank 3, got \(a.shape), \(b.shape), \(c.shape)")
        let batch = c.shape[0]
        let itemA = Array(a.shape.suffix(2)), itemB = Array(b.shape.suffix(2))
        let (m, k) = transA == .none ? (itemA[0], itemA[1]) : (itemA[1], itemA[0])
        let (kb, n) = transB == .none ? (itemB[0], itemB[1]) : (itemB[1], itemB[0])
        precondition((a.rank == 2 || a.shape[0] == batch) && (b.rank == 2 || b.shape[0] == batch)
                     && k == kb && c.shape == [batch, m, n],
                     "BLAS.batchedGEMM: op(A) [\(m), \(k)] (A \(a.shape), \(transA)) × op(B) [\(kb), \(n)] (B \(b.shape), \(transB)) does not fit C \(c.shape)")
        guard batch > 0 && m > 0 && n > 0 else { return }
        if k == 0 {
            var scaled = c.contiguous()
            if beta == 0 { scaled = .zeros(c.shape) } else { BLAS.scale(&scaled, by: beta) }
            c.assignElements(from: scaled)
            return
        }
        let opA = BatchOperand(a, transA), opB = BatchOperand(b, transB)
        // Each output item must be row-major with a unit column stride; otherwise compute densely.
        if c.strides[2] != 1 && n > 1 || c.strides[1] < n && m > 1 || c.strides[0] == 0 {
            var dense = beta == 0 ? Tensor<Scalar>.zeros(c.shape) : c.contiguous()
            batchedGEMM(a, b, into: &dense, transA: transA, transB: transB, alpha: alpha, beta: beta,
                        strategy: strategy)
            c.assignElements(from: dense)
            return
        }
        c.makeUnique()
        let ldc = m > 1 ? c.strides[1] : n
        withExtendedLifetime((opA, opB)) {
            gemmStridedBatched(transA: opA.trans, transB: opB.trans, m: m, n: n, k: k, alpha: alpha,
                               a: opA.pointer, lda: opA.ld, strideA: opA.stride,
                               b: opB.pointer, ldb: opB.ld, strideB: opB.stride,
                               beta: beta, c: c.basePointer, ldc: ldc, strideC: c.strides[0],
                               batchCount: batch, strategy: strategy)
        }
    }

    /// The folded batch `C[rows × n] ← α·A[rows × k]·op(B) + β·C`: cut into one row block
    /// per thread, each a single-threaded GEMM, up to ``BatchedGEMMTuning/foldSplitWorkLimit``
    /// (OpenBLAS's own threading of such skinny products was slower than one thread at
    /// 32 000 × 32 × 32); one OpenBLAS call beyond.
    static func foldedGEMM<Scalar: TensorScalar>(
        _ transB: Transpose, rows: Int, n: Int, k: Int, alpha: Scalar,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        let threads = BLAS.threads
        guard threads > 1, rows >= 2 * threads, rows * n * k <= BatchedGEMMTuning.foldSplitWorkLimit else {
            Scalar.blasGemm(.none, transB, m: rows, n: n, k: k, alpha: alpha, a: a, lda: lda,
                            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        let blockWork = (rows / threads + 1) * n * k
        withOpenBLASPinned(blockWork > BatchedGEMMTuning.openBLASSingleThreadedWork, restoring: threads) {
            Parallel.forEach(chunkCount: threads, threads: threads) { chunk in
                let block = Parallel.range(ofChunk: chunk, count: rows, chunkCount: threads)
                Scalar.blasGemm(.none, transB, m: block.count, n: n, k: k, alpha: alpha,
                                a: a + block.lowerBound * lda, lda: lda, b: b, ldb: ldb,
                                beta: beta, c: c + block.lowerBound * ldc, ldc: ldc)
            }
        }
    }

    /// The automatic choice between splitting the batch and looping (folding aside).
    static func automaticStrategy(itemWork: Int, batchCount: Int) -> BatchedGEMMStrategy {
        BLAS.threads > 1 && batchCount > 1 && itemWork <= BatchedGEMMTuning.splitWorkThreshold
            ? .splitBatch : .sequential
    }
}

/// One operand of a strided batch: a `[batch, rows, cols]` tensor whose items share a
/// matrix layout, or a rank-2 tensor shared by all items (stride 0).
struct BatchOperand<Scalar: TensorScalar> {
    let tensor: Tensor<Scalar>
    let pointer: UnsafePointer<Scalar>
    let ld: Int
    let stride: Int
    let trans: Transpose

    init(_ operand: Tensor<Scalar>, _ op: Transpose) {
        let itemShape = Array(operand.shape.suffix(2)), itemStrides = Array(operand.strides.suffix(2))
        var source = operand
        var layout = MatrixLayout(shape: itemShape, strides: itemStrides)
        if layout == .strided {
            source = operand.contiguous()
            layout = .rowMajor(ld: max(1, itemShape[1]))
        }
        tensor = source
        stride = source.rank == 3 ? source.strides[0] : 0
        switch layout {
        case .rowMajor(let ld): self.ld = ld; trans = op
        case .columnMajor(let ld): self.ld = ld; trans = op.flipped
        case .strided: fatalError("unreachable: strided operands are made dense above")
        }
        pointer = UnsafePointer(source.basePointer)
    }
}
