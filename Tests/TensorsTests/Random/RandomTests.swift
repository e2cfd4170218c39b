import Testing
@testable import Tensors

/// Random streams against the independent Python implementation in
/// Scripts/reference/tensors_rng_streams.py (Resources/core/rng_streams.json).
@Suite struct RandomTests {
    let reference: [String: Any]
    init() throws { reference = try coreResource("rng_streams") }

    /// Exact values, read from the hexadecimal copies the script writes beside the decimals.
    func doubles(_ key: String) -> [Double] { (reference[key + "_hex"] as! [String]).map { Double($0)! } }
    func words(_ key: String) -> [UInt64] { (reference[key] as! [String]).map { UInt64($0)! } }

    @Test func generatorsMatchTheReferenceAlgorithms() {
        var splitMix = SplitMix64(state: 0)
        #expect((0..<3).map { _ in splitMix.next() } == words("splitmix64_seed0_first3"))
        #expect(words("splitmix64_seed0_first3")[0] == 0xE220_A839_7B1D_CDAF)  // published SplitMix64 value
        var xoshiro = Xoshiro256StarStar(seed: 42)
        #expect((0..<5).map { _ in xoshiro.next() } == words("xoshiro_seed42_first5"))
    }

    @Test func uniformAndNormalStreamsAreFixed() {
        #expect(Tensor<Double>.uniform([2, 4], seed: 42).scalars == doubles("uniform_seed42_first8"))
        #expect(Tensor<Double>.uniform([5], low: -2, high: 3, seed: 7).scalars
                    == doubles("uniform_seed7_low_minus2_high3_first5"))
        // Float streams are the Double streams rounded once.
        #expect(Tensor<Float>.uniform([8], seed: 42).scalars == doubles("uniform_seed42_first8").map(Float.init))
        // Box–Muller uses libm log/cos/sin: allow a few ulps across libm versions.
        let normal = Tensor<Double>.normal([9], seed: 42)
        #expect(normal.isApproximatelyEqual(to: Tensor(shape: [9], scalars: doubles("normal_seed42_first9")), rtol: 1e-14, atol: 1e-15))
        let shifted = Tensor<Double>.normal([4], mean: 1, standardDeviation: 2, seed: 1)
        #expect(shifted.isApproximatelyEqual(to: Tensor(shape: [4], scalars: doubles("normal_seed1_mean1_sd2_first4")), rtol: 1e-14, atol: 1e-15))
        // Float normals are the Double normals rounded once; the seeded form is the generator form.
        #expect(Tensor<Float>.normal([3, 3], seed: 5).scalars == Tensor<Double>.normal([3, 3], seed: 5).scalars.map(Float.init))
        var seeded = Xoshiro256StarStar(seed: 5)
        #expect(Tensor<Float>.normal([3, 3], seed: 5) == Tensor<Float>.normal([3, 3], using: &seeded))
        #expect(Tensor<Float>.normal([3, 3], seed: 5) != Tensor<Float>.normal([3, 3], seed: 6))
        // A shared generator continues the stream.
        var generator = Xoshiro256StarStar(seed: 42)
        let first = Tensor<Double>.uniform([3], using: &generator), rest = Tensor<Double>.uniform([5], using: &generator)
        #expect(first.scalars + rest.scalars == doubles("uniform_seed42_first8"))
    }

    @Test func distributionMoments() {
        let n = 200_000
        func moments(_ t: Tensor<Double>) -> (mean: Double, variance: Double) {
            let v = t.scalars, mean = v.reduce(0, +) / Double(v.count)
            return (mean, v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count - 1))
        }
        let u = moments(.uniform([n], low: -1, high: 3, seed: 11))   // mean 1, variance 16/12
        #expect(abs(u.mean - 1) < 5 * (16.0 / 12 / Double(n)).squareRoot())
        #expect(abs(u.variance - 16.0 / 12) < 0.02)
        let z = moments(.normal([n], mean: 2, standardDeviation: 3, seed: 12))
        #expect(abs(z.mean - 2) < 5 * 3 / Double(n).squareRoot())
        #expect(abs(z.variance - 9) < 9 * 5 * (2 / Double(n)).squareRoot())
        let normal = Tensor<Double>.normal([n], seed: 13).scalars
        let within1 = Double(normal.filter { abs($0) < 1 }.count) / Double(n)
        #expect(abs(within1 - 0.682_689) < 0.005)
    }

    @Test func xavierScales() {
        // [out, in] = [300, 500]: bound √(6/800), normal σ √(2/800).
        let bound = (6.0 / 800).squareRoot()
        let uniform = Tensor<Double>.xavierUniform([300, 500], seed: 21).scalars
        #expect(uniform.allSatisfy { abs($0) <= bound })
        let uVar = uniform.reduce(0) { $0 + $1 * $1 } / Double(uniform.count)
        #expect(abs(uVar - bound * bound / 3) < 0.03 * bound * bound / 3)
        let normal = Tensor<Float>.xavierNormal([300, 500], gain: 2, seed: 22).scalars.map(Double.init)
        let nVar = normal.reduce(0) { $0 + $1 * $1 } / Double(normal.count)
        #expect(abs(nVar - 4 * 2.0 / 800) < 0.03 * 4 * 2.0 / 800)
        #expect(Tensor<Float>.fans(of: [8, 3, 5, 5]) == (fanIn: 75, fanOut: 200))
    }

    @Test func orthogonalMatchesNumPyQRAndIsOrthonormal() {
        let tall = Tensor<Double>.orthogonal([5, 3], seed: 3)
        #expect(tall.isApproximatelyEqual(to: Tensor(shape: [5, 3], scalars: doubles("orthogonal_seed3_5x3")), rtol: 1e-12, atol: 1e-12))
        let wide = Tensor<Double>.orthogonal([3, 5], seed: 4)
        #expect(wide.isApproximatelyEqual(to: Tensor(shape: [3, 5], scalars: doubles("orthogonal_seed4_3x5")), rtol: 1e-12, atol: 1e-12))
        let q = Tensor<Float>.orthogonal([64, 40], gain: 1, seed: 9)
        #expect(BLAS.matmul(q, q, transA: .transpose).isApproximatelyEqual(to: identity(40), rtol: 0, atol: 1e-5))
        let w = Tensor<Double>.orthogonal([16, 4, 5], gain: 2, seed: 10)       // viewed as 16×20
        let flat = w.reshaped([16, 20])
        var scaledIdentity = identity(16) as Tensor<Double>
        BLAS.scale(&scaledIdentity, by: 4)
        #expect(BLAS.matmul(flat, flat, transB: .transpose).isApproximatelyEqual(to: scaledIdentity, rtol: 0, atol: 1e-12))
    }

    func identity<S: TensorScalar>(_ n: Int) -> Tensor<S> {
        Tensor(shape: [n, n]) { $0 / n == $0 % n ? 1 : 0 }
    }
}
