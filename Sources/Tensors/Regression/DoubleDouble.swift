/// Error-free transformations and double-double accumulation.
///
/// Iterative refinement only converges to the exact least-squares solution when
/// residuals are formed in more than working precision; these helpers give
/// ~106-bit sums and products of `Double`s (Dekker/Knuth, FMA-based TwoProduct).
@usableFromInline
struct DoubleDouble: Sendable {
    @usableFromInline var hi: Double
    @usableFromInline var lo: Double

    @inlinable init(_ hi: Double, _ lo: Double = 0) { self.hi = hi; self.lo = lo }

    /// `a + b` exactly as `s + e` (Knuth TwoSum).
    @inlinable static func twoSum(_ a: Double, _ b: Double) -> (s: Double, e: Double) {
        let s = a + b
        let bb = s - a
        let e = (a - (s - bb)) + (b - bb)
        return (s, e)
    }

    /// `a · b` exactly as `p + e`: Dekker's TwoProduct with Veltkamp splitting, FMA beyond its range.
    ///
    /// The package builds for baseline x86-64, where `addingProduct` is a call into libm's `fma`;
    /// the split form is plain multiplies and adds that vectorise, which made the refinement
    /// loops several times faster (Docs/Regression.md, *Performance*). Exact while |a|, |b| < 2⁹⁹⁵
    /// and the product neither overflows nor underflows; larger inputs take the FMA.
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> (p: Double, e: Double) {
        let p = a * b
        guard abs(a) < 0x1p995 && abs(b) < 0x1p995 else { return (p, (-p).addingProduct(a, b)) }
        let (ah, al) = split(a), (bh, bl) = split(b)
        return (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }

    /// Veltkamp's split `a = hi + lo` with 26-bit halves (exact for |a| < 2⁹⁹⁶).
    @inlinable static func split(_ a: Double) -> (hi: Double, lo: Double) {
        let c = 134217729.0 * a  // 2²⁷ + 1
        let hi = c - (c - a)
        return (hi, a - hi)
    }

    /// Adds a `Double` (accurate to ~2⁻¹⁰⁶ relative).
    @inlinable mutating func add(_ b: Double) {
        let (s, e) = Self.twoSum(hi, b)
        let t = e + lo
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds another double-double.
    @inlinable mutating func add(_ b: DoubleDouble) {
        let (s, e) = Self.twoSum(hi, b.hi)
        let t = e + lo + b.lo
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds `(aHi + aLo) · b`, where `aLo` is the low part of a double-double factor.
    @inlinable mutating func addProduct(_ aHi: Double, _ aLo: Double, _ b: Double) {
        let (p, e) = Self.twoProduct(aHi, b)
        let (s, e2) = Self.twoSum(hi, p)
        let t = e2 + lo + e + aLo * b
        hi = s + t
        lo = t - (hi - s)
    }

    /// Adds `a · b` for doubles.
    @inlinable mutating func addProduct(_ a: Double, _ b: Double) {
        let (p, e) = Self.twoProduct(a, b)
        let (s, e2) = Self.twoSum(hi, p)
        let t = e2 + lo + e
        hi = s + t
        lo = t - (hi - s)
    }

    /// Multiplies by a double (`self ← self · b`).
    @inlinable func multiplied(by b: Double) -> DoubleDouble {
        let (p, e) = Self.twoProduct(hi, b)
        let t = e + lo * b
        let h = p + t
        return DoubleDouble(h, t - (h - p))
    }

    @inlinable var value: Double { hi + lo }
}

/// `Σ xᵢ` in double-double, rounded once.
@usableFromInline
func accurateSum(_ x: UnsafeBufferPointer<Double>) -> DoubleDouble {
    var acc = DoubleDouble(0)
    for v in x { acc.add(v) }
    return acc
}

/// `(hi + lo)[i] += (x[i] + xLo[i]) · w` for `i < n`, in double-double, as a loop the compiler can
/// vectorise (Dekker products with `w` split once, no branches and no libm `fma` calls). Inputs
/// beyond the split's range (|x|, |w| ≥ 2⁹⁹⁵) take the scalar FMA path instead.
@usableFromInline
func accumulateProducts(hi: UnsafeMutablePointer<Double>, lo: UnsafeMutablePointer<Double>,
                        x: UnsafePointer<Double>, xLo: UnsafePointer<Double>?, w: Double, count n: Int) {
    let limit = 0x1p995
    var inRange = abs(w) < limit
    if inRange { for i in 0..<n where !(abs(x[i]) < limit) { inRange = false; break } }
    guard inRange else {
        for i in 0..<n {
            var a = DoubleDouble(hi[i], lo[i])
            if let xLo { a.addProduct(x[i], xLo[i], w) } else { a.addProduct(x[i], w) }
            hi[i] = a.hi; lo[i] = a.lo
        }
        return
    }
    let (wh, wl) = DoubleDouble.split(w)
    @inline(__always) func step(_ i: Int, _ extra: Double) {
        let a = x[i], p = a * w
        let c = 134217729.0 * a
        let ah = c - (c - a), al = a - ah
        let e = ((ah * wh - p) + ah * wl + al * wh) + al * wl
        let h = hi[i], s = h + p, bb = s - h
        let t = ((h - (s - bb)) + (p - bb)) + lo[i] + e + extra
        let nh = s + t
        lo[i] = t - (nh - s)
        hi[i] = nh
    }
    if let xLo { for i in 0..<n { step(i, xLo[i] * w) } } else { for i in 0..<n { step(i, 0) } }
}

/// `Σ (x[i] + xLo[i]) · (y[i] + yLo[i])` as a double-double: the products x·y error-free (Dekker),
/// summed by TwoSum, the low-part cross terms in double (Ogita–Rump–Oishi Dot2: as accurate as
/// a dot product in twice the working precision). Four independent SIMD lanes break the
/// dependency chain that makes a scalar compensated dot latency-bound. Inputs beyond the split's
/// range (≥ 2⁹⁹⁵) take the scalar FMA path.
@usableFromInline
func compensatedDot(_ x: UnsafePointer<Double>, _ xLo: UnsafePointer<Double>?, _ y: UnsafePointer<Double>,
                    _ yLo: UnsafePointer<Double>?, count n: Int) -> DoubleDouble {
    let limit = 0x1p995
    var inRange = true
    for i in 0..<n where !(abs(x[i]) < limit && abs(y[i]) < limit) { inRange = false; break }
    guard inRange else {
        var acc = DoubleDouble(0), tail = 0.0
        for i in 0..<n {
            acc.addProduct(x[i], y[i])
            tail += (xLo?[i] ?? 0) * y[i] + x[i] * (yLo?[i] ?? 0)
        }
        acc.add(tail)
        return acc
    }
    typealias V = SIMD4<Double>
    let c = V(repeating: 134217729.0)
    var sh = V(repeating: 0), sl = V(repeating: 0)
    var i = 0
    while i + 4 <= n {
        let a = UnsafeRawPointer(x + i).loadUnaligned(as: V.self)
        let b = UnsafeRawPointer(y + i).loadUnaligned(as: V.self)
        let p = a * b
        let ca = c * a, cb = c * b
        let ah = ca - (ca - a), bh = cb - (cb - b)
        let al = a - ah, bl = b - bh
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
        let s = sh + p, bb = s - sh
        sl += ((sh - (s - bb)) + (p - bb)) + e
        sh = s
        if let xLo { sl += UnsafeRawPointer(xLo + i).loadUnaligned(as: V.self) * b }
        if let yLo { sl += a * UnsafeRawPointer(yLo + i).loadUnaligned(as: V.self) }
        i += 4
    }
    var acc = DoubleDouble(0), tail = 0.0
    for lane in 0..<4 { acc.add(sh[lane]); tail += sl[lane] }
    while i < n {
        acc.addProduct(x[i], y[i])
        tail += (xLo?[i] ?? 0) * y[i] + x[i] * (yLo?[i] ?? 0)
        i += 1
    }
    acc.add(tail)
    return acc
}
