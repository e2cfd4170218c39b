extension Tensor {
    /// Element-wise closeness with NumPy `allclose` semantics:
    /// `|self − other| ≤ atol + rtol·|other|` for every element (asymmetric, `other`
    /// is the reference).
    ///
    /// Shapes must be equal (otherwise `false`; no broadcasting). Infinities are close
    /// only to an infinity of the same sign. NaN is close to nothing unless `equalNaN`
    /// is `true`, in which case NaN matches NaN (at the same position) only. Views are
    /// compared by value.
    public func isApproximatelyEqual(to other: Tensor, rtol: Scalar = 1e-5, atol: Scalar = 1e-8,
                                     equalNaN: Bool = false) -> Bool {
        guard shape == other.shape else { return false }
        let lhs = scalars, rhs = other.scalars
        for i in lhs.indices {
            let a = lhs[i], b = rhs[i]
            if a.isNaN || b.isNaN {
                if equalNaN && a.isNaN && b.isNaN { continue }
                return false
            }
            if a.isInfinite || b.isInfinite {
                if a == b { continue }
                return false
            }
            if !((a - b).magnitude <= atol + rtol * b.magnitude) { return false }
        }
        return true
    }

    /// The largest `|self − other|` over all elements (NaN if any difference is NaN).
    ///
    /// - Precondition: equal shapes.
    public func maxAbsoluteDifference(_ other: Tensor) -> Scalar {
        precondition(shape == other.shape,
                     "Tensor.maxAbsoluteDifference: shapes \(shape) and \(other.shape) differ")
        var worst: Scalar = 0
        for (a, b) in zip(scalars, other.scalars) {
            let d = (a - b).magnitude
            if d.isNaN { return .nan }
            worst = max(worst, d)
        }
        return worst
    }
}
