/// Mean squared error with PyTorch's default `reduction="mean"`:
/// `L = (1/N)·Σᵢ (pᵢ − tᵢ)²` over all `N` elements, and `∂L/∂pᵢ = 2(pᵢ − tᵢ)/N`.
public enum MSELoss {
    /// The loss value. Sums are accumulated in `Double` so a `Float` loss over many
    /// samples is not dominated by accumulation error. An empty pair gives NaN (as PyTorch).
    ///
    /// - Precondition: equal shapes.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func value<Scalar: TensorScalar>(
        prediction: Tensor<Scalar>, target: Tensor<Scalar>
    ) -> Scalar {
        precondition(prediction.shape == target.shape,
                     "MSELoss: prediction \(prediction.shape) and target \(target.shape) differ")
        let n = prediction.count
        guard n > 0 else { return .nan }
        var sum = 0.0
        prediction.withUnsafeBufferPointer { p in
            target.withUnsafeBufferPointer { t in
                for i in 0..<n {
                    let d = Double(p[i]) - Double(t[i])
                    sum += d * d
                }
            }
        }
        return Scalar(sum / Double(n))
    }

    /// The loss value and its gradient with respect to the prediction.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func valueAndGradient<Scalar: TensorScalar>(
        prediction: Tensor<Scalar>, target: Tensor<Scalar>
    ) -> (value: Scalar, gradient: Tensor<Scalar>) {
        let loss = value(prediction: prediction, target: target)
        var gradient = Tensor<Scalar>.zeros(prediction.shape)
        let n = prediction.count
        guard n > 0 else { return (loss, gradient) }
        let scale = Scalar(2) / Scalar(n)
        prediction.withUnsafeBufferPointer { p in
            target.withUnsafeBufferPointer { t in
                gradient.withUnsafeMutableBufferPointer { g in
                    for i in 0..<n { g[i] = scale * (p[i] - t[i]) }
                }
            }
        }
        return (loss, gradient)
    }
}
