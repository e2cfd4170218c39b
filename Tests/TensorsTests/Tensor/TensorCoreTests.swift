import Testing
@testable import Tensors

@Suite struct TensorCoreTests {
    @Test func copyOnWriteIsolatesCopiesAndViews() {
        var a = Tensor<Float>(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6])
        let b = a
        var view = a.rows(1..<3)
        a[0, 0] = 9
        #expect(b[0, 0] == 1 && a[0, 0] == 9)
        view[0, 1] = -4
        #expect(a[1, 1] == 4 && b[1, 1] == 4 && view.scalars == [3, -4, 5, 6])
        // A uniquely held buffer is written in place (no copy).
        var c = Tensor<Double>.zeros([4])
        let before = c.storage.base
        c[2] = 1
        #expect(c.storage.base == before)
        var d = c
        d[0] = 1
        #expect(d.storage.base != before && c.scalars == [0, 0, 1, 0])
    }

    /// A transposed view reads the original layout; writing the source afterwards leaves it alone.
    @Test func viewsShareStorageUntilWritten() {
        var a = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let t = a.transposed()
        #expect(t.shape == [3, 2])
        #expect(t[2, 1] == 6)
        a[0, 0] = 10
        #expect(t[0, 0] == 1)
        #expect(a.rows(1..<2).scalars == [4, 5, 6])
    }

    @Test func descriptionShowsShapeAndElements() {
        let t = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.description == "Tensor<Float>[2, 3]\n[[1.0, 2.0, 3.0],\n [4.0, 5.0, 6.0]]")
        #expect(Tensor<Double>(shape: [], scalars: [2.5]).description == "Tensor<Double>[] 2.5")
        #expect(t.transposed().description == "Tensor<Float>[3, 2]\n[[1.0, 4.0],\n [2.0, 5.0],\n [3.0, 6.0]]")
        let big = Tensor<Double>(shape: [2000]) { Double($0) }
        #expect(big.description == "Tensor<Double>[2000]\n[0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]")
        let cube = Tensor<Float>(shape: [2, 2, 300]) { Float($0 % 10) }
        let text = cube.description
        #expect(text.hasPrefix("Tensor<Float>[2, 2, 300]\n[[[0.0, 1.0, 2.0, ..., 7.0, 8.0, 9.0],\n  [0.0,"))
        #expect(text.contains("]],\n\n [["))
        #expect(text.count < 400)
    }

    @Test func approximateEqualityFollowsAllclose() {
        let a = Tensor<Double>(shape: [3], scalars: [1, 100, 0])
        #expect(a.isApproximatelyEqual(to: Tensor(shape: [3], scalars: [1 + 5e-6, 100.0009, 5e-9])))
        #expect(!a.isApproximatelyEqual(to: Tensor(shape: [3], scalars: [1 + 2e-5, 100, 0])))
        #expect(!a.isApproximatelyEqual(to: Tensor(shape: [3], scalars: [1, 100, 2e-8])))
        #expect(a.isApproximatelyEqual(to: Tensor(shape: [3], scalars: [1.1, 110, 0.1]), rtol: 0.1, atol: 0.1))
        #expect(!a.isApproximatelyEqual(to: Tensor(shape: [1, 3], scalars: [1, 100, 0])))     // shapes differ
        let nan = Tensor<Float>(shape: [2], scalars: [.nan, .infinity])
        #expect(!nan.isApproximatelyEqual(to: nan))
        #expect(nan.isApproximatelyEqual(to: nan, equalNaN: true))
        #expect(!nan.isApproximatelyEqual(to: Tensor(shape: [2], scalars: [.nan, -.infinity]), equalNaN: true))
        #expect(!nan.isApproximatelyEqual(to: Tensor(shape: [2], scalars: [0, .infinity]), equalNaN: true))
        // Asymmetric like NumPy: tolerance relative to the second argument.
        let x = Tensor<Double>(shape: [1], scalars: [10]), y = Tensor<Double>(shape: [1], scalars: [11])
        #expect(x.isApproximatelyEqual(to: y, rtol: 0.0915, atol: 0))
        #expect(!y.isApproximatelyEqual(to: x, rtol: 0.0915, atol: 0))
    }

    @Test func initialisersAndReshape() {
        #expect(Tensor<Float>.filled([2, 2], with: 3).scalars == [3, 3, 3, 3])
        #expect(Tensor<Double>.ones([3]).scalars == [1, 1, 1])
        let t = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.transposed().reshaped([6]).scalars == [1, 4, 2, 5, 3, 6])
        #expect(t.slice(1).scalars == [4, 5, 6])
        #expect(t.maxAbsoluteDifference(Tensor.zeros([2, 3])) == 6)
    }
}
