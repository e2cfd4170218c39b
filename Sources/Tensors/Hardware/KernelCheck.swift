/// A numerical check of the loaded OpenBLAS s/d GEMM kernels against a plain reference: what a
/// re-executed process runs before it trusts kernels it asked for (Docs/Hardware.md).
public struct KernelCheck: Sendable, Equatable {
    /// Whether every product was within its error bound.
    public var passed: Bool
    /// The largest error as a multiple of its bound (≤ 1 passes).
    public var worstRatio: Double
    /// The worst case, e.g. `dgemm 131×97×67 TT at 2 threads`.
    public var worstCase: String

    /// Test hook: `1` makes ``run()`` report a failure, to exercise the fall-back path.
    public static let simulateFailureVariable = "FACTORLAB_KERNEL_SIMULATE_CHECK_FAILURE"

    /// (m, n, k, transA, transB): edge tiles, both transposes, and sizes above OpenBLAS's 64³
    /// threading limit so the threaded driver runs too (at ``BLAS/threads``).
    static let cases: [(Int, Int, Int, Transpose, Transpose)] = [
        (1, 1, 1, .none, .none), (7, 5, 3, .none, .none), (17, 33, 9, .none, .transpose),
        (64, 48, 80, .transpose, .none), (131, 97, 67, .transpose, .transpose), (96, 72, 160, .none, .transpose),
    ]

    /// Runs sgemm and dgemm on every case with α = 1.5, β = 0.5 and compares each element with a
    /// Double reference. The bound is 4·(k + 2)·ε·(|α|·Σ|a||b| + |β|·|c|) (ε of the type), a safe
    /// multiple of the classical k·ε bound; wrong kernels miss it by orders of magnitude.
    public static func run() -> KernelCheck {
        var result = KernelCheck(passed: true, worstRatio: 0, worstCase: "")
        check(Float.self, into: &result)
        check(Double.self, into: &result)
        if getenvString(simulateFailureVariable) == "1" {
            result.passed = false
            result.worstCase = "simulated failure (\(simulateFailureVariable)=1)"
        }
        return result
    }

    private static func check<S: TensorScalar>(_: S.Type, into result: inout KernelCheck) {
        let name = S.self == Float.self ? "sgemm" : "dgemm"
        let eps = S.self == Float.self ? Double(Float.ulpOfOne) : Double.ulpOfOne
        let (alpha, beta) = (1.5, 0.5)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
        for (m, n, k, ta, tb) in cases {
            // Stored shapes: A is m×k (or k×m when transposed), B is k×n (or n×k).
            let a = (0..<(m * k)).map { _ in S(next()) }, b = (0..<(k * n)).map { _ in S(next()) }
            let c0 = (0..<(m * n)).map { _ in S(next()) }
            var c = c0
            let lda = ta == .none ? k : m, ldb = tb == .none ? n : k
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        S.blasGemm(ta, tb, m: m, n: n, k: k, alpha: S(alpha), a: pa.baseAddress!, lda: lda,
                                   b: pb.baseAddress!, ldb: ldb, beta: S(beta), c: pc.baseAddress!, ldc: n)
                    }
                }
            }
            for i in 0..<m {
                for j in 0..<n {
                    var exact = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let x = Double(a[ta == .none ? i * k + p : p * m + i])
                        let y = Double(b[tb == .none ? p * n + j : j * k + p])
                        exact += x * y
                        magnitude += abs(x * y)
                    }
                    let cOld = Double(c0[i * n + j])
                    let reference = alpha * exact + beta * cOld
                    let bound = 4 * Double(k + 2) * eps * (abs(alpha) * magnitude + abs(beta) * abs(cOld))
                    let error = abs(Double(c[i * n + j]) - reference)
                    let ratio = error.isNaN ? .infinity : error / bound
                    if ratio > result.worstRatio {
                        result.worstRatio = ratio
                        result.worstCase = "\(name) \(m)×\(n)×\(k) \(ta == .none ? "N" : "T")\(tb == .none ? "N" : "T") at \(BLAS.threads) threads"
                    }
                    if !(ratio <= 1) { result.passed = false }
                }
            }
        }
    }
}
