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
    /// `workspace` buffers. The allocation-free kernel behind rank IC: an LSD radix sort on
    /// order-preserving 64-bit keys (8-bit digits, constant digits skipped), O(n).
    public static func averageRanks(_ values: UnsafeBufferPointer<Double>,
                                    into ranks: UnsafeMutableBufferPointer<Double>,
                                    workspace w: inout RankWorkspace) {
        let n = values.count
        precondition(ranks.count >= n, "averageRanks: \(ranks.count) rank slots for \(n) values")
        guard n > 0 else { return }
        w.reserve(n)
        w.keys.withUnsafeMutableBufferPointer { keys in
        w.keys2.withUnsafeMutableBufferPointer { keys2 in
        w.order.withUnsafeMutableBufferPointer { order in
        w.order2.withUnsafeMutableBufferPointer { order2 in
        w.counts.withUnsafeMutableBufferPointer { counts in
            // One pass builds the histograms of all 8 digits.
            for d in 0..<(8 * 256) { counts[d] = 0 }
            for i in 0..<n {
                // +0.0 folds −0.0 into 0.0 so that equal values get equal keys.
                let b = (values[i] + 0.0).bitPattern
                let k = (b & (1 << 63)) != 0 ? ~b : b | (1 << 63)
                keys[i] = k
                order[i] = Int32(truncatingIfNeeded: i)
                for pass in 0..<8 { counts[pass &* 256 &+ Int(truncatingIfNeeded: (k &>> UInt64(pass &* 8)) & 0xFF)] &+= 1 }
            }
            var src = (keys.baseAddress!, order.baseAddress!), dst = (keys2.baseAddress!, order2.baseAddress!)
            for pass in 0..<8 {
                let shift = UInt64(pass * 8)
                let c = counts.baseAddress! + pass * 256
                if Int(c[Int((src.0[0] &>> shift) & 0xFF)]) == n { continue }  // digit constant: order unchanged
                var sum: Int32 = 0
                for d in 0..<256 { let x = c[d]; c[d] = sum; sum &+= x }
                for i in 0..<n {
                    let k = src.0[i]
                    let d = Int(truncatingIfNeeded: (k &>> shift) & 0xFF)
                    let pos = Int(c[d])
                    c[d] = Int32(truncatingIfNeeded: pos &+ 1)
                    dst.0[pos] = k; dst.1[pos] = src.1[i]
                }
                swap(&src, &dst)
            }
            var i = 0
            while i < n {
                var j = i
                let k = src.0[i]
                while j + 1 < n && src.0[j + 1] == k { j += 1 }
                let r = Double(i + j) / 2 + 1
                for m in i...j { ranks[Int(src.1[m])] = r }
                i = j + 1
            }
        } } } } }
    }
}

/// Reusable buffers for ``Statistics/averageRanks(_:into:workspace:)`` (one per thread).
public struct RankWorkspace: Sendable {
    var keys: [UInt64] = [], keys2: [UInt64] = []
    var order: [Int32] = [], order2: [Int32] = []
    var counts = [Int32](repeating: 0, count: 8 * 256)

    public init(capacity: Int = 0) { reserve(capacity) }

    mutating func reserve(_ n: Int) {
        guard keys.count < n else { return }
        keys = [UInt64](repeating: 0, count: n); keys2 = keys
        order = [Int32](repeating: 0, count: n); order2 = order
    }
}
