/// One group of a grouped batched GEMM on raw pointers (like one group of MKL's
/// `cblas_?gemm_batch`): every item has the same sizes, operations and scalars.
///
/// `a` and `b` hold one pointer per item, or a single pointer shared by every item.
public struct GEMMPointerGroup<Scalar: TensorScalar> {
    /// Whether `a` and `b` are used as stored or transposed (the same for every item).
    public var transA: Transpose, transB: Transpose
    /// Dimensions of every item: op(A) is m×k, op(B) is k×n, C is m×n.
    public var m: Int, n: Int, k: Int
    /// Scalars of `C ← α·op(A)·op(B) + β·C`, shared by every item of the group.
    public var alpha: Scalar, beta: Scalar
    /// Per-item (or one shared) pointers to A, and A's leading dimension in elements (row-major).
    public var a: [UnsafePointer<Scalar>], lda: Int
    /// Per-item (or one shared) pointers to B, and B's leading dimension in elements (row-major).
    public var b: [UnsafePointer<Scalar>], ldb: Int
    /// Per-item output pointers to C (one per item; must not overlap), and C's leading dimension in elements.
    public var c: [UnsafeMutablePointer<Scalar>], ldc: Int

    /// A group of `c.count` items, row-major; leading dimensions as in ``BLASScalar/blasGemm``.
    public init(transA: Transpose = .none, transB: Transpose = .none, m: Int, n: Int, k: Int,
                alpha: Scalar = 1, a: [UnsafePointer<Scalar>], lda: Int,
                b: [UnsafePointer<Scalar>], ldb: Int,
                beta: Scalar = 0, c: [UnsafeMutablePointer<Scalar>], ldc: Int) {
        self.transA = transA; self.transB = transB
        self.m = m; self.n = n; self.k = k
        self.alpha = alpha; self.beta = beta
        self.a = a; self.lda = lda; self.b = b; self.ldb = ldb; self.c = c; self.ldc = ldc
    }
}

/// One group of a grouped batched GEMM on tensors: `cᵢ ← α·op(aᵢ)·op(bᵢ) + β·cᵢ`.
///
/// `a` and `b` hold one matrix per item, or a single matrix shared by every item;
/// `c` holds the outputs (updated in place by ``BLAS/groupedGEMM(_:strategy:)``).
public struct GEMMBatchGroup<Scalar: TensorScalar> {
    /// Whether `a` and `b` are used as stored or transposed (the same for every item).
    public var transA: Transpose, transB: Transpose
    /// Scalars of `C ← α·op(A)·op(B) + β·C`, shared by every item of the group.
    public var alpha: Scalar, beta: Scalar
    /// Left operands: one matrix per item, or a single matrix shared by every item.
    public var a: [Tensor<Scalar>]
    /// Right operands: one matrix per item, or a single matrix shared by every item.
    public var b: [Tensor<Scalar>]
    /// Outputs, one per item (their count is the item count), updated in place.
    public var c: [Tensor<Scalar>]

    /// A group; items are `c.indices`.
    public init(transA: Transpose = .none, transB: Transpose = .none, alpha: Scalar = 1, beta: Scalar = 0,
                a: [Tensor<Scalar>], b: [Tensor<Scalar>], c: [Tensor<Scalar>]) {
        self.transA = transA; self.transB = transB
        self.alpha = alpha; self.beta = beta
        self.a = a; self.b = b; self.c = c
    }
}

extension BLAS {
    /// Runs every item of every group (groups may differ in size and operations).
    ///
    /// With ``BatchedGEMMStrategy/automatic``, items with `m·n·k` up to
    /// ``BatchedGEMMTuning/splitWorkThreshold`` are split across threads in chunks of
    /// equal work, larger items run afterwards one by one on OpenBLAS's threads.
    /// `.folded` behaves as `.automatic` (grouped batches are not folded).
    ///
    /// - Precondition: each group's `a`/`b` has 1 or `c.count` pointers; outputs must not
    ///   overlap each other or the inputs.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func groupedGEMM<Scalar: TensorScalar>(
        _ groups: [GEMMPointerGroup<Scalar>], strategy: BatchedGEMMStrategy = .automatic
    ) {
        var itemGroup = [Int](), itemIndex = [Int](), itemWork = [Int]()
        for (g, group) in groups.enumerated() {
            let items = group.c.count
            precondition(group.m >= 0 && group.n >= 0 && group.k >= 0,
                         "BLAS.groupedGEMM: group \(g) has negative size m \(group.m), n \(group.n), k \(group.k)")
            precondition((group.a.count == 1 || group.a.count == items) && (group.b.count == 1 || group.b.count == items),
                         "BLAS.groupedGEMM: group \(g) has \(group.a.count) A and \(group.b.count) B pointers for \(items) outputs")
            guard group.m > 0 && group.n > 0 else { continue }
            for i in 0..<items {
                itemGroup.append(g); itemIndex.append(i); itemWork.append(group.m * group.n * group.k)
            }
        }
        let run = { (position: Int) in
            let group = groups[itemGroup[position]], i = itemIndex[position]
            batchItemGEMM(group.transA, group.transB, m: group.m, n: group.n, k: group.k, alpha: group.alpha,
                            a: group.a[group.a.count == 1 ? 0 : i], lda: group.lda,
                            b: group.b[group.b.count == 1 ? 0 : i], ldb: group.ldb,
                            beta: group.beta, c: group.c[i], ldc: group.ldc)
        }
        guard !itemWork.isEmpty else { return }
        switch strategy {
        case .sequential:
            for position in itemWork.indices { run(position) }
        case .splitBatch:
            let prefix = itemWork.reduce(into: [0]) { $0.append($0.last! + $1) }
            runBatch(count: itemWork.count, strategy: .splitBatch, maxItemWork: itemWork.max()!,
                     workPrefix: prefix, run)
        case .automatic, .folded:
            let small = itemWork.indices.filter { itemWork[$0] <= BatchedGEMMTuning.splitWorkThreshold }
            let large = itemWork.indices.filter { itemWork[$0] > BatchedGEMMTuning.splitWorkThreshold }
            if small.count > 1 && BLAS.threads > 1 {
                let prefix = small.reduce(into: [0]) { $0.append($0.last! + itemWork[$1]) }
                runBatch(count: small.count, strategy: .splitBatch, maxItemWork: small.map { itemWork[$0] }.max()!,
                         workPrefix: prefix) { run(small[$0]) }
            } else {
                for position in small { run(position) }
            }
            for position in large { run(position) }
        }
    }

    /// ``groupedGEMM(_:strategy:)`` on tensors; every `c` is updated in place.
    ///
    /// Operands with a unit row or column stride are used without copying; an output
    /// whose buffer is shared with another tensor (including another output) is copied
    /// first (copy-on-write), one that is not row-major is replaced by a dense result.
    ///
    /// - Precondition: within a group all `op(aᵢ)` are `m×k`, all `op(bᵢ)` `k×n`, all `cᵢ` `m×n`;
    ///   `a`/`b` have 1 or `c.count` elements.
    public static func groupedGEMM<Scalar: TensorScalar>(
        _ groups: inout [GEMMBatchGroup<Scalar>], strategy: BatchedGEMMStrategy = .automatic
    ) {
        var keepAlive = [BLASOperand<Scalar>]()
        var pointerGroups = [GEMMPointerGroup<Scalar>]()
        for g in groups.indices {
            // Copy out everything but the outputs: holding a second reference to
            // `groups[g].c` would make every output look shared and force a copy.
            let group = (transA: groups[g].transA, transB: groups[g].transB, alpha: groups[g].alpha,
                         beta: groups[g].beta, a: groups[g].a, b: groups[g].b)
            let items = groups[g].c.count
            guard items > 0 else { continue }
            precondition((group.a.count == 1 || group.a.count == items) && (group.b.count == 1 || group.b.count == items),
                         "BLAS.groupedGEMM: group \(g) has \(group.a.count) A and \(group.b.count) B matrices for \(items) outputs")
            precondition(group.a.allSatisfy { $0.rank == 2 } && group.b.allSatisfy { $0.rank == 2 }
                         && groups[g].c.allSatisfy { $0.rank == 2 },
                         "BLAS.groupedGEMM: group \(g) needs matrices")
            let a0 = group.a[0].shape, b0 = group.b[0].shape
            let (m, k) = group.transA == .none ? (a0[0], a0[1]) : (a0[1], a0[0])
            let (kb, n) = group.transB == .none ? (b0[0], b0[1]) : (b0[1], b0[0])
            precondition(k == kb && group.a.allSatisfy { $0.shape == a0 } && group.b.allSatisfy { $0.shape == b0 }
                         && groups[g].c.allSatisfy { $0.shape == [m, n] },
                         "BLAS.groupedGEMM: group \(g): op(A) [\(m), \(k)] (A \(a0), \(group.transA)) × op(B) [\(kb), \(n)] (B \(b0), \(group.transB)) does not fit C \(groups[g].c.map(\.shape))")
            guard m > 0 && n > 0 else { continue }
            if k == 0 {
                for i in 0..<items {
                    if group.beta == 0 { groups[g].c[i] = .zeros([m, n]) } else { BLAS.scale(&groups[g].c[i], by: group.beta) }
                }
                continue
            }
            // Operands: the transposition must agree within a group, so make every item
            // row-major-compatible unless all share the same flip.
            var opsA = group.a.map { BLASOperand($0, group.transA) }
            var opsB = group.b.map { BLASOperand($0, group.transB) }
            if Set(opsA.map(\.trans)).count > 1 { opsA = group.a.map { BLASOperand($0.contiguous(), group.transA) } }
            if Set(opsB.map(\.trans)).count > 1 { opsB = group.b.map { BLASOperand($0.contiguous(), group.transB) } }
            let ldA = opsA.map(\.ld), ldB = opsB.map(\.ld)
            // Leading dimensions must agree within a group too; otherwise repack densely.
            if Set(ldA).count > 1 { opsA = group.a.map { BLASOperand($0.contiguous(), group.transA) } }
            if Set(ldB).count > 1 { opsB = group.b.map { BLASOperand($0.contiguous(), group.transB) } }
            var ldcs = [Int]()
            for i in 0..<items {
                if case .rowMajor = MatrixLayout(shape: groups[g].c[i].shape, strides: groups[g].c[i].strides) {} else {
                    groups[g].c[i] = groups[g].c[i].contiguous()
                    if !groups[g].c[i].isContiguous { groups[g].c[i] = Tensor(shape: [m, n], scalars: groups[g].c[i].scalars) }
                }
                groups[g].c[i].makeUnique()
                if case .rowMajor(let ld) = MatrixLayout(shape: [m, n], strides: groups[g].c[i].strides) { ldcs.append(ld) }
            }
            var cPointers = groups[g].c.map { $0.basePointer }
            var ldc = ldcs[0]
            if Set(ldcs).count > 1 {
                for i in 0..<items where ldcs[i] != n || !groups[g].c[i].isContiguous {
                    groups[g].c[i] = Tensor(shape: [m, n], scalars: groups[g].c[i].scalars)
                }
                cPointers = groups[g].c.map { $0.basePointer }
                ldc = n
            }
            keepAlive += opsA + opsB
            pointerGroups.append(GEMMPointerGroup(
                transA: opsA[0].trans, transB: opsB[0].trans, m: m, n: n, k: k, alpha: group.alpha,
                a: opsA.map(\.pointer), lda: opsA[0].ld, b: opsB.map(\.pointer), ldb: opsB[0].ld,
                beta: group.beta, c: cPointers, ldc: ldc))
        }
        withExtendedLifetime((keepAlive, groups)) {
            groupedGEMM(pointerGroups, strategy: strategy)
        }
    }
}
