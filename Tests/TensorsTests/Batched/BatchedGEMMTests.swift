import Testing
@testable import Tensors

/// Batched GEMM against a loop of single GEMMs checked by the naive reference.
/// The strategy tests pin `BLAS.threads` and live in the process-global suite.
extension ProcessGlobalStateTests {
    @Test func automaticStrategyFollowsTheThreshold() {
        BLAS.withThreads(2) {
            #expect(BLAS.automaticStrategy(itemWork: 10, batchCount: 1) == .sequential)
            #expect(BLAS.automaticStrategy(itemWork: BatchedGEMMTuning.splitWorkThreshold, batchCount: 4) == .splitBatch)
            #expect(BLAS.automaticStrategy(itemWork: BatchedGEMMTuning.splitWorkThreshold + 1, batchCount: 4) == .sequential)
        }
        BLAS.withThreads(1) { #expect(BLAS.automaticStrategy(itemWork: 10, batchCount: 8) == .sequential) }
    }

    @Test(arguments: BatchedGEMMStrategy.allCases)
    func stridedBatchesMatchTheLoop(strategy: BatchedGEMMStrategy) {
        BLAS.withThreads(2) {
            // 5×6×4 items take the tiny kernel, 9×20×24 (> 512) the BLAS call.
            for (m, n, k) in [(5, 6, 4), (9, 20, 24)] {
                checkStrided(Float.self, strategy: strategy, m: m, n: n, k: k)
                checkStrided(Double.self, strategy: strategy, m: m, n: n, k: k)
            }
        }
    }

    @Test(arguments: BatchedGEMMStrategy.allCases)
    func groupedBatchesMatchTheLoop(strategy: BatchedGEMMStrategy) {
        BLAS.withThreads(2) {
            checkGrouped(Float.self, strategy: strategy)
            checkGrouped(Double.self, strategy: strategy)
        }
    }

    /// Items above OpenBLAS's own threading threshold, split across threads (OpenBLAS pinned
    /// to one thread meanwhile), and the 333×517×129 odd-size single GEMM.
    @Test func largeItemsAndOddLargeGEMM() {
        BLAS.withThreads(2) {
            let a = Tensor<Double>.uniform([3, 70, 65], low: -1, high: 1, seed: 1)
            let b = Tensor<Double>.uniform([65, 66], low: -1, high: 1, seed: 2)
            var c = Tensor<Double>.zeros([3, 70, 66])
            BLAS.batchedGEMM(a, b, into: &c, strategy: .splitBatch)
            #expect(BLAS.threads == 2)
            for i in 0..<3 {
                let expected = naiveGEMM(a.slice(i), b, .zeros([70, 66]), transA: .none, transB: .none, alpha: 1, beta: 0)
                #expect(c.slice(i).isApproximatelyEqual(to: expected, rtol: 1e-12, atol: 1e-12))
            }
            let big: Tensor<Float> = testMatrix(129, 333, salt: 1), other: Tensor<Float> = testMatrix(517, 129, salt: 2)
            let product = BLAS.matmul(big, other, transA: .transpose, transB: .transpose)
            let expected = naiveGEMM(big, other, .zeros([333, 517]), transA: .transpose, transB: .transpose, alpha: 1, beta: 0)
            #expect(product.isApproximatelyEqual(to: expected, rtol: 1e-4, atol: 1e-4))
        }
    }
}

private func checkStrided<S: TensorScalar>(_: S.Type, strategy: BatchedGEMMStrategy, m: Int, n: Int, k: Int) {
    let batch = 7
    let perItemA = Tensor<S>.uniform([batch, m, k], low: -1, high: 1, seed: 31)
    let perItemB = Tensor<S>.uniform([batch, k, n], low: -1, high: 1, seed: 32)
    let sharedA = Tensor<S>.uniform([m, k], low: -1, high: 1, seed: 33)
    let sharedB = Tensor<S>.uniform([k, n], low: -1, high: 1, seed: 34)
    // Transposed per-item operands stored as [batch, k, m] and viewed through transposed().
    let storedAT = Tensor<S>.uniform([batch, k, m], low: -1, high: 1, seed: 35)
    let start = Tensor<S>.uniform([batch, m, n], low: -1, high: 1, seed: 36)
    let tol = gemmTolerance(S.self, k: k) * 4
    let cases: [(Tensor<S>, Tensor<S>, Transpose, Transpose)] = [
        (perItemA, perItemB, .none, .none),
        (perItemA, sharedB, .none, .none),                       // foldable
        (sharedA, perItemB, .none, .none),
        (storedAT, perItemB, .transpose, .none),
        (storedAT.transposed(), sharedB, .none, .none),           // column-major items
        (perItemA, perItemB.transposed(), .none, .transpose),     // transpose of a transposed view
    ]
    for (index, (a, b, ta, tb)) in cases.enumerated() {
        var c = start
        BLAS.batchedGEMM(a, b, into: &c, transA: ta, transB: tb, alpha: 1.5, beta: 0.5, strategy: strategy)
        for i in 0..<batch {
            let ai = a.rank == 3 ? a.slice(i) : a, bi = b.rank == 3 ? b.slice(i) : b
            let expected = naiveGEMM(ai, bi, start.slice(i), transA: ta, transB: tb, alpha: 1.5, beta: 0.5)
            #expect(c.slice(i).isApproximatelyEqual(to: expected, rtol: tol, atol: tol),
                    "\(S.self) case \(index) item \(i) \(strategy)")
        }
    }
    // Pointer API with a shared B and stride 0, compared with the tensor API result.
    var viaPointers = start
    var viaTensors = start
    BLAS.batchedGEMM(perItemA, sharedB, into: &viaTensors, strategy: .sequential)
    viaPointers.withUnsafeMutableBufferPointer { c in
        perItemA.withUnsafeBufferPointer { a in
            sharedB.withUnsafeBufferPointer { b in
                BLAS.gemmStridedBatched(transA: .none, transB: .none, m: m, n: n, k: k, alpha: 1,
                                        a: a.baseAddress!, lda: k, strideA: m * k, b: b.baseAddress!, ldb: n, strideB: 0,
                                        beta: 0, c: c.baseAddress!, ldc: n, strideC: m * n,
                                        batchCount: batch, strategy: strategy)
            }
        }
    }
    #expect(viaPointers.isApproximatelyEqual(to: viaTensors, rtol: tol, atol: tol))
}

private func checkGrouped<S: TensorScalar>(_: S.Type, strategy: BatchedGEMMStrategy) {
    // Three groups of different sizes: per-item operands, a shared A, and a shared
    // transposed B with β ≠ 0.
    var seed: UInt64 = 100
    func random(_ shape: [Int]) -> Tensor<S> { seed += 1; return .uniform(shape, low: -1, high: 1, seed: seed) }
    let g0 = GEMMBatchGroup<S>(a: (0..<5).map { _ in random([3, 4]) }, b: (0..<5).map { _ in random([4, 2]) },
                               c: (0..<5).map { _ in .zeros([3, 2]) })
    let g1 = GEMMBatchGroup<S>(alpha: 2, a: [random([17, 16])], b: (0..<4).map { _ in random([16, 19]) },
                               c: (0..<4).map { _ in .zeros([17, 19]) })   // above the tiny-kernel size
    let g2 = GEMMBatchGroup<S>(transB: .transpose, alpha: -1, beta: 0.25, a: (0..<6).map { _ in random([2, 7]) },
                               b: [random([5, 7])], c: (0..<6).map { _ in random([2, 5]) })
    let original = [g0, g1, g2]
    var groups = original
    BLAS.groupedGEMM(&groups, strategy: strategy)
    let tol = gemmTolerance(S.self, k: 16) * 4
    for (g, group) in original.enumerated() {
        for i in group.c.indices {
            let a = group.a.count == 1 ? group.a[0] : group.a[i], b = group.b.count == 1 ? group.b[0] : group.b[i]
            let expected = naiveGEMM(a, b, group.c[i], transA: group.transA, transB: group.transB,
                                     alpha: group.alpha, beta: group.beta)
            #expect(groups[g].c[i].isApproximatelyEqual(to: expected, rtol: tol, atol: tol), "\(S.self) group \(g) item \(i) \(strategy)")
        }
    }
    // The inputs of the caller's copy are untouched (copy-on-write of shared outputs).
    #expect(original[2].c[0] != groups[2].c[0])
}

@Suite struct BatchedGEMMPartitionTests {
    /// The plain-loop kernel for tiny items, every transpose pair, against the naive loop;
    /// β = 0 must ignore NaN in C and α = 0 must ignore A and B.
    @Test func tinyKernelMatchesNaive() {
        for (m, n, k) in [(3, 5, 7), (8, 16, 4), (9, 17, 3), (1, 8, 1)] {
            for (ta, tb) in GEMMTests.transposes {
                for (alpha, beta) in [(1.0, 0.0), (0.5, -2.0), (2.0, 1.0)] {
                    let a: Tensor<Double> = ta == .none ? testMatrix(m, k, salt: 1) : testMatrix(k, m, salt: 1)
                    let b: Tensor<Double> = tb == .none ? testMatrix(k, n, salt: 2) : testMatrix(n, k, salt: 2)
                    var c: Tensor<Double> = beta == 0 ? .filled([m, n], with: .nan) : testMatrix(m, n, salt: 3)
                    let expected = naiveGEMM(a, b, c, transA: ta, transB: tb, alpha: alpha, beta: beta)
                    a.withUnsafeBufferPointer { pa in
                        b.withUnsafeBufferPointer { pb in
                            c.withUnsafeMutableBufferPointer { pc in
                                tinyGEMM(ta, tb, m: m, n: n, k: k, alpha: alpha, a: pa.baseAddress!, lda: ta == .none ? k : m,
                                         b: pb.baseAddress!, ldb: tb == .none ? n : k, beta: beta, c: pc.baseAddress!, ldc: n)
                            }
                        }
                    }
                    #expect(c.isApproximatelyEqual(to: expected, rtol: 1e-13, atol: 1e-13), "\(m)×\(n)×\(k) \(ta) \(tb) α \(alpha) β \(beta)")
                }
            }
        }
        var c = Tensor<Float>.filled([2, 8], with: 3)
        let nan = Tensor<Float>.filled([2, 2], with: .nan)
        nan.withUnsafeBufferPointer { p in
            c.withUnsafeMutableBufferPointer { pc in
                tinyGEMM(.none, .none, m: 2, n: 8, k: 2, alpha: 0, a: p.baseAddress!, lda: 2, b: p.baseAddress!, ldb: 8,
                         beta: 2, c: pc.baseAddress!, ldc: 8)
            }
        }
        #expect(c == .filled([2, 8], with: 6))
    }

    @Test func workBalancedChunks() {
        // Work 1,1,1,1,10,1,1,1 → two chunks split near half the total (17 → 8.5).
        let work = [1, 1, 1, 1, 10, 1, 1, 1]
        let prefix = work.reduce(into: [0]) { $0.append($0.last! + $1) }
        let first = chunkRange(0, chunks: 2, count: 8, workPrefix: prefix)
        let second = chunkRange(1, chunks: 2, count: 8, workPrefix: prefix)
        #expect(first.lowerBound == 0 && first.upperBound == second.lowerBound && second.upperBound == 8)
        #expect(first == 0..<5)
        #expect(chunkRange(1, chunks: 3, count: 9, workPrefix: nil) == 3..<6)
    }

}
