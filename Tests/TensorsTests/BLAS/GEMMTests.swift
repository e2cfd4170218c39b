import Testing
@testable import Tensors

/// GEMM/GEMV/level-1 wrappers against a naive Double triple loop. Sizes keep every
/// call below OpenBLAS's threading threshold (m·n·k ≤ 262 144), so these tests never
/// use OpenBLAS's worker threads and can run beside the process-global suite.
@Suite struct GEMMTests {
    static let transposes: [(Transpose, Transpose)] = [(.none, .none), (.none, .transpose), (.transpose, .none), (.transpose, .transpose)]

    func checkAllTransposes<S: TensorScalar>(_: S.Type, m: Int, n: Int, k: Int) {
        for (ta, tb) in Self.transposes {
            let a: Tensor<S> = ta == .none ? testMatrix(m, k, salt: 1) : testMatrix(k, m, salt: 1)
            let b: Tensor<S> = tb == .none ? testMatrix(k, n, salt: 2) : testMatrix(n, k, salt: 2)
            var c: Tensor<S> = testMatrix(m, n, salt: 3)
            let expected = naiveGEMM(a, b, c, transA: ta, transB: tb, alpha: 0.75, beta: -0.5)
            BLAS.gemm(a, b, into: &c, transA: ta, transB: tb, alpha: 0.75, beta: -0.5)
            let tol = gemmTolerance(S.self, k: k)
            #expect(c.isApproximatelyEqual(to: expected, rtol: tol, atol: tol), "\(S.self) \(ta) \(tb) \(m)×\(n)×\(k)")
        }
    }

    @Test func allTransposeCombinationsOddSizes() {
        checkAllTransposes(Float.self, m: 37, n: 53, k: 29)
        checkAllTransposes(Double.self, m: 37, n: 53, k: 29)
        checkAllTransposes(Double.self, m: 1, n: 17, k: 5)
        checkAllTransposes(Float.self, m: 13, n: 1, k: 1)
    }

    @Test func stridedAndTransposedViewsAsOperands() {
        // A: 21×17 inside rows of length 40 (unit column stride → passed with ld 40).
        let a: Tensor<Double> = stridedView(21, 17, ld: 40, colStride: 1, offset: 5, salt: 4)
        // B: a transposed view (unit row stride → passed as the transposed operand).
        let bStored: Tensor<Double> = testMatrix(13, 17, salt: 5)
        let b = bStored.transposed()
        // A second A with no unit stride at all (copied).
        let aOdd: Tensor<Double> = stridedView(21, 17, ld: 50, colStride: 2, offset: 3, salt: 6)
        for lhs in [a, aOdd] {
            var c = Tensor<Double>.zeros([21, 13])
            BLAS.gemm(lhs, b, into: &c)
            let expected = naiveGEMM(lhs.contiguous(), b.contiguous(), c, transA: .none, transB: .none, alpha: 1, beta: 0)
            #expect(c.isApproximatelyEqual(to: expected, rtol: 1e-12, atol: 1e-12))
            #expect(MatrixLayout(shape: lhs.shape, strides: lhs.strides) == (lhs.strides[1] == 1 ? .rowMajor(ld: 40) : .strided))
        }
        #expect(MatrixLayout(shape: b.shape, strides: b.strides) == .columnMajor(ld: 17))
    }

    @Test func outputViewsOfEveryLayout() {
        let a: Tensor<Float> = testMatrix(9, 7, salt: 7), b: Tensor<Float> = testMatrix(7, 11, salt: 8)
        let expectedProduct = naiveGEMM(a, b, .zeros([9, 11]), transA: .none, transB: .none, alpha: 1, beta: 0)
        // Rows of a larger tensor (row-major with ld 11, offset): the parent is not modified.
        let parent = Tensor<Float>.ones([20, 11])
        var rowsView = parent.rows(4..<13)
        BLAS.gemm(a, b, into: &rowsView, beta: 1)
        #expect(rowsView.isApproximatelyEqual(to: Tensor(shape: [9, 11], scalars: expectedProduct.scalars.map { $0 + 1 }), rtol: 1e-5, atol: 1e-5))
        #expect(parent == .ones([20, 11]))
        // A transposed output view (computed as Cᵀ = Bᵀ·Aᵀ).
        var transposedOut = Tensor<Float>.zeros([11, 9]).transposed()
        BLAS.gemm(a, b, into: &transposedOut)
        #expect(transposedOut.isApproximatelyEqual(to: expectedProduct, rtol: 1e-5, atol: 1e-5))
        // No unit stride: goes through a dense temporary.
        var odd: Tensor<Float> = stridedView(9, 11, ld: 30, colStride: 2, offset: 1, salt: 9)
        BLAS.gemm(a, b, into: &odd)
        #expect(odd.isApproximatelyEqual(to: expectedProduct, rtol: 1e-5, atol: 1e-5))
    }

    @Test func matmulAndGEMV() {
        let a: Tensor<Double> = testMatrix(6, 4, salt: 10), b: Tensor<Double> = testMatrix(4, 5, salt: 11)
        #expect(a.matmul(b).isApproximatelyEqual(
            to: naiveGEMM(a, b, .zeros([6, 5]), transA: .none, transB: .none, alpha: 1, beta: 0), rtol: 1e-13, atol: 1e-13))
        let x = Tensor<Double>(shape: [4], scalars: [1, -2, 0.5, 3])
        let y = a.matmul(x)
        let expected = (0..<6).map { i in (0..<4).reduce(0.0) { $0 + a[i, $1] * x[$1] } }
        #expect(y.isApproximatelyEqual(to: Tensor(shape: [6], scalars: expected), rtol: 1e-13, atol: 1e-13))
        // gemv through a transposed view with a strided y (a column of a matrix).
        var yMatrix = Tensor<Double>.zeros([4, 3])
        var column = yMatrix.transposed().slice(1)
        let v = Tensor<Double>(shape: [6], scalars: [1, 2, 3, 4, 5, 6])
        BLAS.gemv(a.transposed(), v, into: &column)
        let expectedT = (0..<4).map { j in (0..<6).reduce(0.0) { $0 + a[$1, j] * v[$1] } }
        #expect(column.isApproximatelyEqual(to: Tensor(shape: [4], scalars: expectedT), rtol: 1e-13, atol: 1e-13))
        yMatrix[0, 0] = 1
        #expect(abs(column[0] - expectedT[0]) < 1e-13)
    }

    @Test func levelOneOnViews() {
        let m = Tensor<Double>(shape: [3, 4], scalars: (0..<12).map(Double.init))
        let col = m.transposed().slice(2)            // elements 2, 6, 10 (stride 4)
        let row = m.slice(1)                          // 4, 5, 6, 7
        #expect(BLAS.dot(col, Tensor(shape: [3], scalars: [1, 1, 1])) == 18)
        #expect(BLAS.dot(row, row) == 16 + 25 + 36 + 49)
        var y = m.transposed().slice(0)               // 0, 4, 8
        BLAS.axpy(2, col, &y)
        #expect(y.scalars == [4, 16, 28])
        #expect(m[1, 0] == 4)                         // the source is untouched (copy-on-write)
        var block = m.rows(1..<3)
        BLAS.scale(&block, by: -1)
        #expect(block.scalars == (4..<12).map { -Double($0) })
        #expect(abs(BLAS.norm(Tensor<Double>(shape: [2], scalars: [3, 4])) - 5) < 1e-15)
    }

    @Test func emptyInnerDimensionScalesC() {
        var c = Tensor<Float>.ones([2, 3])
        BLAS.gemm(Tensor<Float>.zeros([2, 0]), Tensor<Float>.zeros([0, 3]), into: &c, beta: 2)
        #expect(c == .filled([2, 3], with: 2))
        #expect(BLAS.matmul(Tensor<Float>.zeros([2, 0]), Tensor<Float>.zeros([0, 3])) == .zeros([2, 3]))
    }
}
