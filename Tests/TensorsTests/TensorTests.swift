import Testing
@testable import Tensors

@Suite struct TensorTests {
    @Test func viewsShareStorageUntilWritten() {
        var a = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let t = a.transposed()
        #expect(t.shape == [3, 2])
        #expect(t[2, 1] == 6)
        a[0, 0] = 10
        #expect(t[0, 0] == 1)
        #expect(a.rows(1..<2).scalars == [4, 5, 6])
    }
}
