import BigInt
import RealModule
import Testing
@testable import Tensors

/// An exact rational number (tests only).
struct Rational {
    var num: BigInt
    var den: BigInt  // > 0

    init(_ num: BigInt, _ den: BigInt = 1) {
        let g = num.greatestCommonDivisor(with: den)
        let s: BigInt = den < 0 ? -1 : 1
        self.num = g == 0 ? 0 : s * num / g
        self.den = g == 0 ? 1 : s * den / g
    }

    /// The exact value of a finite double.
    init(_ x: Double) {
        precondition(x.isFinite)
        if x == 0 { self.init(BigInt(0)); return }
        let m = BigInt(x.significandBitPattern | (x.isNormal ? (1 << 52) : 0))
        let e = Int(x.exponent) - 52 + (x.isNormal ? 0 : 1)
        let signed = x < 0 ? -m : m
        if e >= 0 { self.init(signed << e) } else { self.init(signed, BigInt(1) << (-e)) }
    }

    static func + (a: Rational, b: Rational) -> Rational { Rational(a.num * b.den + b.num * a.den, a.den * b.den) }
    static func - (a: Rational, b: Rational) -> Rational { Rational(a.num * b.den - b.num * a.den, a.den * b.den) }
    static func * (a: Rational, b: Rational) -> Rational { Rational(a.num * b.num, a.den * b.den) }
    static func / (a: Rational, b: Rational) -> Rational { Rational(a.num * b.den, a.den * b.num) }
    var isZero: Bool { num == 0 }

    /// Nearest double (to well below an ulp: 80 quotient bits, then one rounding).
    var double: Double {
        if num == 0 { return 0 }
        let shift = 80 + Int(den.bitWidth) - Int(num.magnitude.bitWidth)
        let q = shift >= 0 ? (num << shift) / den : num / (den << (-shift))
        return Double(q) * Double(sign: .plus, exponent: -shift, significand: 1)
    }
}

/// Exact least squares of a double design (given as rationals) by Gaussian elimination on XᵀX.
func exactLeastSquares(columns: [[Rational]], y: [Rational]) -> (beta: [Rational], inverseDiagonal: [Rational], ssr: Rational) {
    let p = columns.count, n = y.count
    var a = [[Rational]](repeating: [Rational](repeating: Rational(BigInt(0)), count: 2 * p + 1), count: p)
    for i in 0..<p {
        for j in 0..<p {
            var s = Rational(BigInt(0))
            for t in 0..<n { s = s + columns[i][t] * columns[j][t] }
            a[i][j] = s
        }
        a[i][p + i] = Rational(BigInt(1))
        var s = Rational(BigInt(0))
        for t in 0..<n { s = s + columns[i][t] * y[t] }
        a[i][2 * p] = s
    }
    for c in 0..<p {
        let pivot = (c..<p).first { !a[$0][c].isZero }!
        a.swapAt(c, pivot)
        let inv = Rational(BigInt(1)) / a[c][c]
        a[c] = a[c].map { $0 * inv }
        for r in 0..<p where r != c && !a[r][c].isZero {
            let f = a[r][c]
            for k in 0..<(2 * p + 1) { a[r][k] = a[r][k] - f * a[c][k] }
        }
    }
    let beta = (0..<p).map { a[$0][2 * p] }
    var ssr = Rational(BigInt(0))
    for t in 0..<n {
        var e = y[t]
        for j in 0..<p { e = e - columns[j][t] * beta[j] }
        ssr = ssr + e * e
    }
    return (beta, (0..<p).map { a[$0][p + $0] }, ssr)
}

/// Ill-conditioned problems scored against their exact rational least-squares solutions.
@Suite struct ExactRationalRegressionTests {
    func check(_ fit: RegressionResult, columns: [[Rational]], y: [Rational], label: String) {
        let exact = exactLeastSquares(columns: columns, y: y)
        let dfResid = y.count - columns.count
        let s2 = exact.ssr / Rational(BigInt(dfResid))
        for j in columns.indices {
            let lb = logRelativeError(fit.coefficients[j], exact.beta[j].double)
            let se = (s2 * exact.inverseDiagonal[j]).double.squareRoot()
            let ls = logRelativeError(fit.standardErrors[j], se)
            #expect(lb >= 13, "\(label) b\(j): LRE \(lb)")
            #expect(ls >= 13, "\(label) se\(j): LRE \(ls)")
        }
        #expect(logRelativeError(fit.ssr, exact.ssr.double) >= 13, "\(label) SSR")
    }

    /// Monomials of x ∈ [2, 4.4] up to degree 7, entries rounded to double (exact rational of that data).
    @Test func roundedVandermondeDegreeSeven() throws {
        let n = 40, degree = 7
        let x = (0..<n).map { 2 + Double($0) / 16 }
        let y = x.enumerated().map { i, v in Foundation_sin(v) * 100 + Double((i * 37) % 11) / 8 }
        let cols = (1...degree).map { k in x.map { v in (0..<k).reduce(1.0) { acc, _ in acc * v } } }
        let fit = try LinearRegression().fit(y: y, columns: cols)
        #expect(fit.refined)
        #expect(fit.equilibratedConditionEstimate > 1e6)
        let exactCols = [[Rational](repeating: Rational(BigInt(1)), count: n)] + cols.map { $0.map(Rational.init) }
        check(fit, columns: exactCols, y: y.map(Rational.init), label: "rounded Vandermonde")
        // The plain QR answer is measurably worse: the test can fail.
        let plain = try LinearRegression(refinement: .never).fit(y: y, columns: cols)
        let exact = exactLeastSquares(columns: exactCols, y: y.map(Rational.init))
        let plainLRE = (0...degree).map { logRelativeError(plain.coefficients[$0], exact.beta[$0].double) }.min()!
        #expect(plainLRE < 12)
    }

    /// A much harder case: degree 9 on x ∈ [1, 2.2] (equilibrated κ ≈ 1e11), rounded powers.
    @Test func roundedVandermondeDegreeNine() throws {
        // Short dyadic data keep the exact rationals small (a fast test); the powers x⁹ are
        // still rounded, and the conditioning is what matters.
        let n = 20, degree = 9
        let x = (0..<n).map { 1 + Double($0) / 16 }
        let y = x.map { v in ((Double.exp(v) + Double.sin(7 * v) * 0.01) * 1024).rounded() / 1024 }
        let cols = (1...degree).map { k in x.map { v in (0..<k).reduce(1.0) { acc, _ in acc * v } } }
        let fit = try LinearRegression().fit(y: y, columns: cols)
        #expect(fit.rank == degree + 1)
        #expect(fit.refined && fit.refinementConverged)
        #expect(fit.equilibratedConditionEstimate > 1e9)
        let exactCols = [[Rational](repeating: Rational(BigInt(1)), count: n)] + cols.map { $0.map(Rational.init) }
        check(fit, columns: exactCols, y: y.map(Rational.init), label: "degree-9 Vandermonde")
    }

    /// Exact powers (RegressionDesign.polynomial) of x ∈ [-1.5, 3] up to degree 5 (entries not representable in one double).
    @Test func exactPowersPolynomial() throws {
        let n = 21, degree = 5
        // ~22-bit x: powers up to x⁵ need ~110 bits, beyond one double (low parts are exercised)
        // while the rationals stay small enough for a fast debug-build test.
        let x = (0..<n).map { -1.5 + Double($0) * (0.2265625 + 0x1p-20) }
        let y = x.map { v in 1 / (1 + v * v) }
        let design = try RegressionDesign.polynomial(x, degree: degree)
        let fit = try LinearRegression().fit(y: y, design: design)
        let rx = x.map(Rational.init)
        var cols: [[Rational]] = [[Rational](repeating: Rational(BigInt(1)), count: n)]
        for k in 1...degree { cols.append(rx.map { v in (0..<k).reduce(Rational(BigInt(1))) { acc, _ in acc * v } }) }
        check(fit, columns: cols, y: y.map(Rational.init), label: "exact powers")
    }

    /// Two nearly collinear regressors (difference 1e-9 relative) plus a third.
    @Test func nearlyCollinearColumns() throws {
        let n = 25
        let x1 = (0..<n).map { Double($0) * 0.37 + 1 }
        let x2: [Double] = x1.enumerated().map { i, v in
            let wiggle: Double = Double((i * 7) % 5 - 2) * 1e-9
            return v * (1 + wiggle)
        }
        let x3 = (0..<n).map { Double(($0 * 13) % 7) }
        var y = [Double]()
        for i in 0..<n {
            let noise: Double = Double((i * 29) % 9) / 10
            y.append(0.5 * x1[i] - 0.25 * x3[i] + noise)
        }
        let fit = try LinearRegression().fit(y: y, columns: [x1, x2, x3])
        #expect(fit.rank == 4)
        let cols = [[Rational](repeating: Rational(BigInt(1)), count: n)] + [x1, x2, x3].map { $0.map(Rational.init) }
        check(fit, columns: cols, y: y.map(Rational.init), label: "near collinear")
    }
}

/// `sin` without importing Foundation into every test file.
func Foundation_sin(_ x: Double) -> Double { Double.sin(x) }
