/// Elementwise operations on whole tensors backed by the vectorised `CKernels`
/// (see ``KernelScalar`` and Docs/Kernels.md for accuracy).
extension Tensor {
    /// The logistic function `1/(1+e^{-x})` of every element (a new dense tensor).
    public func sigmoid() -> Tensor {
        let result = Tensor.lstmUninitialized(shape)
        withUnsafeBufferPointer { x in
            Scalar.kernelSigmoid(count: x.count, x.baseAddress!, result.lstmBase)
        }
        return result
    }

    /// The hyperbolic tangent of every element (a new dense tensor).
    public func tanh() -> Tensor {
        let result = Tensor.lstmUninitialized(shape)
        withUnsafeBufferPointer { x in
            Scalar.kernelTanh(count: x.count, x.baseAddress!, result.lstmBase)
        }
        return result
    }

    /// `self[i] += other[i]`.
    ///
    /// - Precondition: equal shapes.
    public mutating func addInPlace(_ other: Tensor) {
        precondition(shape == other.shape, "Tensor.addInPlace: shapes \(shape) and \(other.shape) differ")
        other.withUnsafeBufferPointer { b in
            withUnsafeMutableBufferPointer { y in
                Scalar.kernelAdd(count: y.count, y.baseAddress!, b.baseAddress!, y.baseAddress!)
            }
        }
    }

    /// `self[i] *= other[i]`.
    ///
    /// - Precondition: equal shapes.
    public mutating func multiplyInPlace(_ other: Tensor) {
        precondition(shape == other.shape, "Tensor.multiplyInPlace: shapes \(shape) and \(other.shape) differ")
        other.withUnsafeBufferPointer { b in
            withUnsafeMutableBufferPointer { y in
                Scalar.kernelMultiply(count: y.count, y.baseAddress!, b.baseAddress!, y.baseAddress!)
            }
        }
    }

    /// `self[i] += a[i]·b[i]`.
    ///
    /// - Precondition: equal shapes.
    public mutating func addProductInPlace(_ a: Tensor, _ b: Tensor) {
        precondition(shape == a.shape && shape == b.shape,
                     "Tensor.addProductInPlace: shapes \(shape), \(a.shape), \(b.shape) differ")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                withUnsafeMutableBufferPointer { y in
                    Scalar.kernelMultiplyAdd(count: y.count, pa.baseAddress!, pb.baseAddress!, y.baseAddress!)
                }
            }
        }
    }
}
