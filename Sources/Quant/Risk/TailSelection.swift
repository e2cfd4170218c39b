/// Order statistics of a NaN-free sample without sorting it: a 65,536-bucket histogram of the
/// order-preserving top 16 bits of each value locates the buckets holding the requested ranks;
/// only those buckets are gathered and sorted (two passes plus a small sort, instead of an
/// O(n log n) sort of everything).
struct TailSelection {
    /// Number of values in buckets below the gathered range (= rank of `gathered[0]`).
    let below: Int
    /// Sum of those values.
    let sumBelow: Double
    /// Sorted values of the gathered buckets.
    let gathered: [Double]

    /// Prepares access to every rank in `ranks.min()...ranks.max()` (0-based, < `values.count`).
    init(_ values: UnsafeBufferPointer<Double>, ranks: [Int]) {
        let rmin = ranks.min()!, rmax = ranks.max()!
        var histogram = [Int](repeating: 0, count: 1 << 16)
        for x in values { histogram[RiskMetrics.bucketKey(x)] += 1 }
        let (low, high, below) = Self.bucketRange(histogram, ranks: rmin...rmax)
        var sum = 0.0
        var gathered: [Double] = []
        for x in values {
            let k = RiskMetrics.bucketKey(x)
            if k < low { sum += x } else if k <= high { gathered.append(x) }
        }
        gathered.sort()
        self.below = below
        self.sumBelow = sum
        self.gathered = gathered
    }

    /// The value of rank `i` (must lie in the prepared range).
    func value(_ i: Int) -> Double { gathered[i - below] }

    /// Sum of the `k` smallest values (`k − 1` must lie in the prepared range).
    func sumOfSmallest(_ k: Int) -> Double {
        var s = sumBelow
        for i in 0..<(k - below) { s += gathered[i] }
        return s
    }

    /// The quantile of a prepared plan.
    func quantile(_ p: QuantilePlan) -> Double {
        p.lower == p.upper ? value(p.lower) : numpyLerp(value(p.lower), value(p.upper), p.gamma)
    }

    /// The first and last histogram buckets holding ranks `ranks` (0-based), and how many
    /// values lie in the buckets before the first; `(-1, -1, 0)` when the histogram is empty.
    static func bucketRange(_ histogram: [Int], ranks: ClosedRange<Int>) -> (low: Int, high: Int, below: Int) {
        var low = -1, high = -1, cumulative = 0, below = 0
        for b in histogram.indices {
            let h = histogram[b]
            if h == 0 { continue }
            if low < 0 && cumulative + h > ranks.lowerBound { low = b; below = cumulative }
            if cumulative + h > ranks.upperBound { high = b; break }
            cumulative += h
        }
        return (low, high, below)
    }
}

/// The non-NaN values of `x` (unsorted).
func validValues(_ x: [Double]) -> [Double] { x.filter { !$0.isNaN } }
