extension Tensor {
    /// A fresh dense tensor whose elements the caller will overwrite completely.
    static func lstmUninitialized(_ shape: [Int]) -> Tensor {
        Tensor(storage: TensorStorage(uninitializedCount: shape.reduce(1, *)), offset: 0,
               shape: shape, strides: contiguousStrides(for: shape))
    }

    /// The first element of a dense tensor. Valid while the tensor is alive; write through
    /// it only for a tensor this code just created (no other reference to its storage).
    var lstmBase: UnsafeMutablePointer<Scalar> {
        precondition(isContiguous, "LSTM: internal tensor must be contiguous, shape \(shape) strides \(strides)")
        return storage.base + offset
    }
}
