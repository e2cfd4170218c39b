extension Tensor {
    /// The base pointer of the element at index `[0, 0, …]` (valid while `self` is alive).
    @usableFromInline
    var basePointer: UnsafeMutablePointer<Scalar> { storage.base + offset }

    /// `self` as one BLAS vector `(pointer, increment)` when its elements are evenly
    /// spaced in row-major order (rank 1, contiguous, or at most one element).
    @usableFromInline
    var vectorIncrement: Int? {
        if count <= 1 { return 1 }
        if rank == 1 { return strides[0] == 0 ? nil : strides[0] }
        return isContiguous ? 1 : nil
    }

    /// Overwrites the elements of `self` (any layout) with `source`'s, in row-major order.
    ///
    /// - Precondition: equal element counts.
    @usableFromInline
    mutating func assignElements(from source: Tensor) {
        precondition(source.count == count,
                     "Tensor.assignElements: \(source.shape) cannot fill \(shape)")
        makeUnique()
        let values = source.scalars
        var i = 0
        let base = storage.base
        forEachOffset { base[$0] = values[i]; i += 1 }
    }
}
