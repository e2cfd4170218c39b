/// Seeded random initialisers (streams documented in Docs/Tensors.md).
///
/// Each comes in two forms: `seed:` (a fresh ``Xoshiro256StarStar`` — the
/// reproducible form) and `using:` (any generator, advanced in place, for drawing
/// several tensors from one stream).
extension Tensor {
    /// Independent draws from the uniform distribution on `[low, high)` (the upper end
    /// can appear only through rounding to `Scalar`).
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1,
                               using generator: inout some RandomNumberGenerator) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer {
            RandomStreams.fillUniform($0, low: Double(low), high: Double(high), using: &generator)
        }
        return result
    }

    /// ``uniform(_:low:high:using:)`` from ``Xoshiro256StarStar`` seeded with `seed`.
    public static func uniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1, seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return uniform(shape, low: low, high: high, using: &generator)
    }

    /// Independent normal draws with the given mean and standard deviation (Box–Muller).
    public static func normal(_ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                              using generator: inout some RandomNumberGenerator) -> Tensor {
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer {
            RandomStreams.fillNormal($0, mean: Double(mean), standardDeviation: Double(standardDeviation),
                                     using: &generator)
        }
        return result
    }

    /// ``normal(_:mean:standardDeviation:using:)`` from ``Xoshiro256StarStar`` seeded with `seed`.
    public static func normal(_ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                              seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return normal(shape, mean: mean, standardDeviation: standardDeviation, using: &generator)
    }

    /// PyTorch's fan computation: for shape `[out, in, r₀, r₁, …]`,
    /// `fanIn = in·∏rᵢ` and `fanOut = out·∏rᵢ` (a weight matrix `[out, in]`).
    ///
    /// - Precondition: rank ≥ 2.
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        precondition(shape.count >= 2, "Tensor.fans: needs rank ≥ 2, shape is \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// Xavier/Glorot uniform: `U(−a, a)` with `a = gain·√(6 / (fanIn + fanOut))`
    /// (PyTorch `xavier_uniform_`; fans from ``fans(of:)``).
    public static func xavierUniform(_ shape: [Int], gain: Scalar = 1,
                                     using generator: inout some RandomNumberGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let bound = Double(gain) * (6 / Double(fanIn + fanOut)).squareRoot()
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer {
            RandomStreams.fillUniform($0, low: -bound, high: bound, using: &generator)
        }
        return result
    }

    /// ``xavierUniform(_:gain:using:)`` from ``Xoshiro256StarStar`` seeded with `seed`.
    public static func xavierUniform(_ shape: [Int], gain: Scalar = 1, seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return xavierUniform(shape, gain: gain, using: &generator)
    }

    /// Xavier/Glorot normal: `N(0, σ²)` with `σ = gain·√(2 / (fanIn + fanOut))`
    /// (PyTorch `xavier_normal_`).
    public static func xavierNormal(_ shape: [Int], gain: Scalar = 1,
                                    using generator: inout some RandomNumberGenerator) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let sd = Double(gain) * (2 / Double(fanIn + fanOut)).squareRoot()
        var result = Tensor(uninitializedShape: shape)
        result.withUnsafeMutableBufferPointer {
            RandomStreams.fillNormal($0, mean: 0, standardDeviation: sd, using: &generator)
        }
        return result
    }

    /// ``xavierNormal(_:gain:using:)`` from ``Xoshiro256StarStar`` seeded with `seed`.
    public static func xavierNormal(_ shape: [Int], gain: Scalar = 1, seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return xavierNormal(shape, gain: gain, using: &generator)
    }

    /// A (semi-)orthogonal matrix, as PyTorch's `orthogonal_`: the tensor is viewed as
    /// `rows × cols` with `rows = shape[0]`; a standard normal `rows × cols` matrix
    /// (drawn row-major, ``normal(_:mean:standardDeviation:using:)``) is transposed
    /// when `rows < cols`, factorised `G = Q·R` (LAPACK `geqrf`, `orgqr`), and `Q`'s
    /// columns are multiplied by `sign(Rᵢᵢ)` (taken as +1 when `Rᵢᵢ = 0`) so the result
    /// is unique and Haar-distributed; transposed back when `rows < cols`; times `gain`.
    /// The rows (if `rows ≤ cols`) or the columns are then orthonormal (up to `gain`).
    ///
    /// - Precondition: rank ≥ 2.
    public static func orthogonal(_ shape: [Int], gain: Scalar = 1,
                                  using generator: inout some RandomNumberGenerator) -> Tensor {
        precondition(shape.count >= 2, "Tensor.orthogonal: needs rank ≥ 2, shape is \(shape)")
        let rows = shape[0], cols = shape.dropFirst().reduce(1, *)
        guard rows > 0 && cols > 0 else { return Tensor(shape: shape, repeating: 0) }
        var gaussian = normal([rows, cols], using: &generator)
        let tall = rows >= cols
        if !tall { gaussian = gaussian.transposed().contiguous() }
        let m = max(rows, cols), n = min(rows, cols)
        var tau = [Scalar](repeating: 0, count: n)
        gaussian.withUnsafeMutableBufferPointer { a in
            let geqrf = Scalar.lapackGeqrf(m: m, n: n, a: a.baseAddress!, lda: n, tau: &tau)
            precondition(geqrf == 0, "Tensor.orthogonal: geqrf failed with info \(geqrf) for \(m)×\(n)")
            let signs = (0..<n).map { a[$0 * n + $0] < 0 ? Scalar(-1) : Scalar(1) }
            let orgqr = Scalar.lapackOrgqr(m: m, n: n, k: n, a: a.baseAddress!, lda: n, tau: tau)
            precondition(orgqr == 0, "Tensor.orthogonal: orgqr failed with info \(orgqr) for \(m)×\(n)")
            for i in 0..<m {
                for j in 0..<n { a[i * n + j] *= signs[j] * gain }
            }
        }
        let q = tall ? gaussian : gaussian.transposed().contiguous()
        return q.reshaped(shape)
    }

    /// ``orthogonal(_:gain:using:)`` from ``Xoshiro256StarStar`` seeded with `seed`.
    public static func orthogonal(_ shape: [Int], gain: Scalar = 1, seed: UInt64) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        return orthogonal(shape, gain: gain, using: &generator)
    }
}
