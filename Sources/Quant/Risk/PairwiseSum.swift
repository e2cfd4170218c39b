/// numpy's pairwise summation (`np.sum` on a contiguous float64 array), bit for bit.
///
/// Matching numpy's association order makes means of nearly constant series agree with
/// empyrical to the last bit, which matters when a tiny dispersion is divided into (Sharpe).
func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
    pairwiseSum(a.baseAddress, a.count)
}

private func pairwiseSum(_ a: UnsafePointer<Double>?, _ n: Int) -> Double {
    guard let a, n > 0 else { return 0 }
    if n < 8 {
        var s = 0.0
        for i in 0..<n { s += a[i] }
        return s
    }
    if n <= 128 {
        var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
        var i = 8
        let end = n - n % 8
        while i < end {
            r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
            r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
            i += 8
        }
        var s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        while i < n { s += a[i]; i += 1 }
        return s
    }
    var n2 = n / 2
    n2 -= n2 % 8
    return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2)
}
