import Foundation
@testable import Tensors

/// Reference `op(A)·op(B)·α + β·C` by the textbook triple loop, accumulated in Double.
func naiveGEMM<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>, _ c: Tensor<S>,
                                transA: Transpose, transB: Transpose, alpha: S, beta: S) -> Tensor<S> {
    let opA = transA == .none ? a : a.transposed()
    let opB = transB == .none ? b : b.transposed()
    let m = opA.shape[0], k = opA.shape[1], n = opB.shape[1]
    let av = opA.scalars.map(Double.init), bv = opB.scalars.map(Double.init), cv = c.scalars.map(Double.init)
    var out = [S](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k { sum += av[i * k + p] * bv[p * n + j] }
            out[i * n + j] = S(Double(alpha) * sum + (beta == 0 ? 0 : Double(beta) * cv[i * n + j]))
        }
    }
    return Tensor(shape: [m, n], scalars: out)
}

/// Deterministic test data in [-1, 1) (independent of the library's RNG).
func testMatrix<S: TensorScalar>(_ rows: Int, _ cols: Int, salt: Int) -> Tensor<S> {
    Tensor(shape: [rows, cols]) { i in S(Double((i &* 7919 &+ salt &* 104_729) % 2001) / 1000 - 1) }
}

/// A `rows × cols` view with row stride `ld` and column stride `colStride` into a larger buffer.
func stridedView<S: TensorScalar>(_ rows: Int, _ cols: Int, ld: Int, colStride: Int, offset: Int, salt: Int) -> Tensor<S> {
    let size = offset + (rows - 1) * ld + (cols - 1) * colStride + 1
    let backing: Tensor<S> = testMatrix(1, size, salt: salt)
    return Tensor(storage: backing.reshaped([size]).storage, offset: offset, shape: [rows, cols], strides: [ld, colStride])
}

/// A tolerance for comparing a BLAS result with the Double reference, scaled by the inner size.
func gemmTolerance<S: TensorScalar>(_: S.Type, k: Int) -> S {
    S(Double(S.ulpOfOne) * Double(max(k, 1)) * 4)
}

/// The JSON reference file of this suite's resources.
func coreResource(_ name: String) throws -> [String: Any] {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources/core") else {
        throw CocoaError(.fileNoSuchFile)
    }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
}
