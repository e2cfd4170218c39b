import Quant

extension SeededGenerator {
    /// A uniform integer in `0..<n` (modulo bias < 2⁻⁵⁰ for the sizes used here).
    mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }

    /// `k` distinct elements of `items` (partial Fisher–Yates), in draw order.
    mutating func sample<T>(_ items: [T], count k: Int) -> [T] {
        var a = items
        let m = min(k, a.count)
        for i in 0..<m { a.swapAt(i, i + index(below: a.count - i)) }
        return Array(a[0..<m])
    }
}
