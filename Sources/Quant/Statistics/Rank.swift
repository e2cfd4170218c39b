/// Ranks with ties given their average position (scipy `rankdata(method="average")`).
extension Statistics {
    /// 1-based average ranks of the non-NaN values of `x`; NaN entries stay NaN and are not counted.
    ///
    /// ±inf are ranked as valid extremes, as scipy does.
    public static func averageRanks(_ x: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        var order: [Int] = []
        order.reserveCapacity(x.count)
        for i in x.indices where !x[i].isNaN { order.append(i) }
        x.withUnsafeBufferPointer { xp in
            order.sort { xp[$0] < xp[$1] }
            var i = 0
            while i < order.count {
                var j = i
                let v = xp[order[i]]
                while j + 1 < order.count && xp[order[j + 1]] == v { j += 1 }
                let r = Double(i + j) / 2 + 1
                for k in i...j { out[order[k]] = r }
                i = j + 1
            }
        }
        return out
    }

    /// Writes 1-based average ranks of `values` (no NaN) into `ranks` (same count), using
    /// `workspace` buffers. The allocation-free kernel behind rank IC.
    ///
    /// Each value maps to an order-preserving 64-bit key. An LSD radix sort (8-bit digits,
    /// constant digits skipped) orders the elements by the key's high 32 bits, carrying the
    /// element index in the low 32 bits so that one 8-byte word moves per element; runs that
    /// share the high 32 bits are then finished by the full key (insertion sort for short runs).
    /// Exact, including ties, ±0 and ±inf.
    public static func averageRanks(_ values: UnsafeBufferPointer<Double>,
                                    into ranks: UnsafeMutableBufferPointer<Double>,
                                    workspace w: inout RankWorkspace) {
        let n = values.count
        precondition(ranks.count >= n, "averageRanks: \(ranks.count) rank slots for \(n) values")
        precondition(n < Int(UInt32.max), "averageRanks: \(n) values exceed the 32-bit index")
        guard n > 0 else { return }
        w.reserve(n)
        w.keys.withUnsafeMutableBufferPointer { full in
        w.keys2.withUnsafeMutableBufferPointer { packedA in
        w.keys3.withUnsafeMutableBufferPointer { packedB in
        w.counts.withUnsafeMutableBufferPointer { counts in
            let c = counts.baseAddress!
            for d in 0..<(4 * 256) { c[d] = 0 }
            let low: UInt64 = 0xFFFF_FFFF
            for i in 0..<n {
                // +0.0 folds −0.0 into 0.0 so that equal values get equal keys.
                let b = (values[i] + 0.0).bitPattern
                let k = (b & (1 << 63)) != 0 ? ~b : b | (1 << 63)
                full[i] = k
                packedA[i] = (k & ~low) | UInt64(truncatingIfNeeded: i)
                c[Int(truncatingIfNeeded: (k &>> 32) & 0xFF)] &+= 1
                c[256 &+ Int(truncatingIfNeeded: (k &>> 40) & 0xFF)] &+= 1
                c[512 &+ Int(truncatingIfNeeded: (k &>> 48) & 0xFF)] &+= 1
                c[768 &+ Int(truncatingIfNeeded: (k &>> 56) & 0xFF)] &+= 1
            }
            var src = packedA.baseAddress!, dst = packedB.baseAddress!
            for pass in 0..<4 {
                let shift = UInt64(32 + pass * 8)
                let t = c + pass * 256
                if Int(t[Int(truncatingIfNeeded: (src[0] &>> shift) & 0xFF)]) == n { continue }
                var sum: Int32 = 0
                for d in 0..<256 { let x = t[d]; t[d] = sum; sum &+= x }
                for i in 0..<n {
                    let k = src[i]
                    let d = Int(truncatingIfNeeded: (k &>> shift) & 0xFF)
                    let pos = Int(t[d])
                    t[d] = Int32(truncatingIfNeeded: pos &+ 1)
                    dst[pos] = k
                }
                swap(&src, &dst)
            }
            // Finish runs that share the high 32 bits by the full key.
            let fk = full.baseAddress!
            @inline(__always) func fullKey(_ p: UInt64) -> UInt64 { fk[Int(truncatingIfNeeded: p & low)] }
            var i = 0
            while i < n {
                let hi = src[i] &>> 32
                var j = i
                while j + 1 < n && src[j + 1] &>> 32 == hi { j += 1 }
                if j > i {
                    if j - i < 32 {
                        for a in (i + 1)...j {
                            let p = src[a], kp = fullKey(p)
                            var b = a
                            while b > i && fullKey(src[b - 1]) > kp { src[b] = src[b - 1]; b -= 1 }
                            src[b] = p
                        }
                    } else {
                        var run = UnsafeMutableBufferPointer(start: src + i, count: j - i + 1)
                        run.sort { fullKey($0) < fullKey($1) }
                    }
                }
                i = j + 1
            }
            // Average ranks over runs of equal full keys.
            i = 0
            while i < n {
                let k = fullKey(src[i])
                var j = i
                while j + 1 < n && fullKey(src[j + 1]) == k { j += 1 }
                let r = Double(i + j) / 2 + 1
                for m in i...j { ranks[Int(truncatingIfNeeded: src[m] & low)] = r }
                i = j + 1
            }
        } } } }
    }
}

/// Reusable buffers for ``Statistics/averageRanks(_:into:workspace:)`` (one per thread).
public struct RankWorkspace: Sendable {
    var keys: [UInt64] = [], keys2: [UInt64] = [], keys3: [UInt64] = []
    var counts = [Int32](repeating: 0, count: 4 * 256)

    /// Pre-sizes the buffers for `capacity` values so the first ranking call does not allocate.
    public init(capacity: Int = 0) { reserve(capacity) }

    mutating func reserve(_ n: Int) {
        guard keys.count < n else { return }
        keys = [UInt64](repeating: 0, count: n); keys2 = keys; keys3 = keys
    }
}
