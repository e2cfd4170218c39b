import Foundation
import Testing
@testable import Tensors

/// The small-dimension GEMM kernels (LSTM input projection and input-weight gradient) against
/// BLAS on shapes that exercise every tail: rows odd and even, columns below, between and above
/// the 8/32-lane blocks, inner sizes 1…16 (chunks of 6, 5+5, 6+6+4 accumulators).
@Suite("Small GEMM kernels")
struct SmallGEMMKernelTests {
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (2, 7, 3), (3, 8, 1), (5, 33, 10), (64, 128, 10), (17, 40, 11), (9, 100, 16), (130, 36, 13),
        (200, 256, 6), (7, 4, 12), (33, 72, 7),
    ]

    func values<S: TensorScalar>(_ count: Int, seed: Int) -> [S] {
        (0..<count).map { i in S(sin(Double(i &* 31 &+ seed) * 0.37) * 0.8) }
    }

    func projection<S: TensorScalar>(_: S.Type, tolerance: Double) {
        for (m, n, k) in Self.shapes {
            let lda = k + 2, ldc = n + 3 // strides wider than the rows: the kernel must honour them
            let a: [S] = values(m * lda, seed: 1), w: [S] = values(n * k, seed: 2), bias: [S] = values(n, seed: 3)
            var wt = [S](repeating: 0, count: k * n)
            for j in 0..<n { for q in 0..<k { wt[q * n + j] = w[j * k + q] } }
            for withBias in [false, true] {
                var ours = [S](repeating: -7, count: m * ldc), reference = [S](repeating: 0, count: m * ldc)
                a.withUnsafeBufferPointer { ap in wt.withUnsafeBufferPointer { wp in bias.withUnsafeBufferPointer { bp in
                    ours.withUnsafeMutableBufferPointer { cp in
                        S.kernelGemmSmallK(m: m, n: n, k: k, a: ap.baseAddress!, lda: lda, wt: wp.baseAddress!, ldw: n,
                                           bias: withBias ? bp.baseAddress! : nil, c: cp.baseAddress!, ldc: ldc)
                    }
                    w.withUnsafeBufferPointer { wp2 in reference.withUnsafeMutableBufferPointer { rp in
                        if withBias { for i in 0..<m { for j in 0..<n { rp[i * ldc + j] = bp[j] } } }
                        S.blasGemm(.none, .transpose, m: m, n: n, k: k, alpha: 1, a: ap.baseAddress!, lda: lda,
                                   b: wp2.baseAddress!, ldb: k, beta: withBias ? 1 : 0, c: rp.baseAddress!, ldc: ldc)
                    } }
                } } }
                var worst = 0.0
                for i in 0..<m { for j in 0..<n { worst = max(worst, abs(Double(ours[i * ldc + j] - reference[i * ldc + j]))) } }
                #expect(worst <= tolerance, "m \(m) n \(n) k \(k) bias \(withBias): max error \(worst)")
                // Padding beyond n in each row is left alone.
                if ldc > n { #expect(ours[n] == -7, "wrote past the row end") }
            }
        }
    }

    func gradient<S: TensorScalar>(_: S.Type, tolerance: Double) {
        for (m, n, k) in Self.shapes {
            let ldx = k + 1, ldg = n + 2, lds = n + 1
            let x: [S] = values(m * ldx, seed: 4), g: [S] = values(m * ldg, seed: 5)
            var reference = [S](repeating: 0, count: k * lds)
            x.withUnsafeBufferPointer { xp in g.withUnsafeBufferPointer { gp in reference.withUnsafeMutableBufferPointer { rp in
                S.blasGemm(.transpose, .none, m: k, n: n, k: m, alpha: 1, a: xp.baseAddress!, lda: ldx, b: gp.baseAddress!,
                           ldb: ldg, beta: 0, c: rp.baseAddress!, ldc: lds)
            } } }
            var whole: [S] = []
            for splits in [1, 2, 3] {
                var ours = [S](repeating: 99, count: k * lds)
                x.withUnsafeBufferPointer { xp in g.withUnsafeBufferPointer { gp in ours.withUnsafeMutableBufferPointer { sp in
                    for part in 0..<splits {
                        let columns = (n * part / splits)..<(n * (part + 1) / splits)
                        S.kernelGemmTNSmallM(m: m, columns: columns, k: k, x: xp.baseAddress!, ldx: ldx, g: gp.baseAddress!,
                                             ldg: ldg, s: sp.baseAddress!, lds: lds)
                    }
                } } }
                var worst = 0.0
                for q in 0..<k { for j in 0..<n { worst = max(worst, abs(Double(ours[q * lds + j] - reference[q * lds + j]))) } }
                #expect(worst <= tolerance * Double(max(m, 1)), "m \(m) n \(n) k \(k) splits \(splits): max error \(worst)")
                if splits == 1 { whole = ours } else { #expect(ours == whole, "column split changed the bits (m \(m) n \(n) k \(k))") }
            }
        }
    }

    @Test("Float projection = BLAS within 1e-5, every tail") func floatProjection() { projection(Float.self, tolerance: 1e-5) }
    @Test("Double projection = BLAS within 1e-13, every tail") func doubleProjection() { projection(Double.self, tolerance: 1e-13) }
    @Test("Float Xᵀ·G = BLAS within 1e-6·m, bit-identical across column splits") func floatGradient() { gradient(Float.self, tolerance: 1e-6) }
    @Test("Double Xᵀ·G = BLAS within 1e-14·m, bit-identical across column splits") func doubleGradient() { gradient(Double.self, tolerance: 1e-14) }
}
