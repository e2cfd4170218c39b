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

    /// Writes 1-based average ranks of `values[0..<n]` (no NaN) into `ranks`, using `scratch`
    /// (capacity ≥ n) for the sort. The allocation-free kernel behind rank IC.
    @inlinable
    public static func averageRanks(_ values: UnsafeBufferPointer<Double>,
                                    into ranks: UnsafeMutableBufferPointer<Double>,
                                    scratch: inout [(Double, Int32)]) {
        let n = values.count
        scratch.removeAll(keepingCapacity: true)
        for i in 0..<n { scratch.append((values[i], Int32(i))) }
        scratch.sort { $0.0 < $1.0 }
        var i = 0
        while i < n {
            var j = i
            let v = scratch[i].0
            while j + 1 < n && scratch[j + 1].0 == v { j += 1 }
            let r = Double(i + j) / 2 + 1
            for k in i...j { ranks[Int(scratch[k].1)] = r }
            i = j + 1
        }
    }
}
