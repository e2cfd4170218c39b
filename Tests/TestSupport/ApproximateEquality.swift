/// `|a − b| ≤ atol + rtol·|b|` (numpy `isclose`, `b` the reference), NaN equal to NaN and
/// infinities equal only to themselves — the one tolerance rule of the test suites.
public func close(_ a: Double, _ b: Double, rtol: Double = 1e-9, atol: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return abs(a - b) <= atol + rtol * abs(b)
}

/// ``close(_:_:rtol:atol:)`` elementwise; false when the lengths differ.
public func close(_ a: [Double], _ b: [Double], rtol: Double = 1e-9, atol: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, rtol: rtol, atol: atol) }
}

/// The first index where ``close(_:_:rtol:atol:)`` fails, for failure messages ("none" when all agree).
public func firstMismatch(_ a: [Double], _ b: [Double], rtol: Double = 1e-9, atol: Double = 1e-12) -> String {
    if a.count != b.count { return "lengths \(a.count) vs \(b.count)" }
    for i in a.indices where !close(a[i], b[i], rtol: rtol, atol: atol) { return "at \(i): \(a[i]) vs \(b[i])" }
    return "none"
}

/// |a − b| / max(|b|, floor) with `b` the reference; 0 for equal values (infinities included) and
/// for two NaNs. The floor keeps tiny references (p-values of 1e-300) relative, not absolute.
public func relativeDifference(_ a: Double, _ b: Double, floor: Double = 1e-300) -> Double {
    if a == b { return 0 }
    if a.isNaN && b.isNaN { return 0 }
    return abs(a - b) / max(abs(b), floor)
}
