import Foundation

/// Global gradient-norm clipping with the semantics of `torch.nn.utils.clip_grad_norm_`.
public enum GradientClipping {
    /// Rescales `gradients` so their joint norm is at most `maxNorm`, and returns the joint
    /// norm *before* clipping.
    ///
    /// As PyTorch: the norm of each tensor is taken, then the `normType`-norm of those norms
    /// (`.infinity` gives the largest absolute entry); every gradient is multiplied by
    /// `min(maxNorm / (total + 1e-6), 1)` computed in `Scalar`. A non-finite total is
    /// returned as is and propagates into the gradients (PyTorch with
    /// `error_if_nonfinite=False`); ``Trainer`` rejects non-finite gradients before this.
    ///
    /// - Precondition: `maxNorm ≥ 0`, `normType > 0`.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func clipNorm<Scalar: TensorScalar>(
        _ gradients: inout [Tensor<Scalar>], maxNorm: Double, normType: Double = 2
    ) -> Scalar {
        precondition(maxNorm >= 0 && normType > 0,
                     "clipNorm: maxNorm \(maxNorm) must be ≥ 0 and normType \(normType) > 0")
        let total = norm(of: gradients, normType: normType)
        guard !gradients.isEmpty else { return total }
        let coefficient = Scalar(maxNorm) / (total + Scalar(1e-6))
        // torch.clamp(max: 1) propagates NaN, which Swift.min would not do consistently.
        let clamped = coefficient.isNaN ? coefficient : Swift.min(coefficient, 1)
        // Multiplying by exactly 1 changes nothing; skip the pass.
        guard clamped != 1 else { return total }
        for i in gradients.indices {
            let n = gradients[i].count
            gradients[i].withUnsafeMutableBufferPointer { g in
                Scalar.blasScal(n: n, alpha: clamped, x: g.baseAddress!, incx: 1)
            }
        }
        return total
    }

    /// The `normType`-norm of all `tensors` viewed as one vector (PyTorch's `_get_total_norm`:
    /// the norm of the per-tensor norms). Zero for no tensors.
    public static func norm<Scalar: TensorScalar>(of tensors: [Tensor<Scalar>], normType: Double = 2) -> Scalar {
        guard !tensors.isEmpty else { return 0 }
        let norms = tensors.map { vectorNorm($0, normType: normType) }
        return vectorNorm(Tensor(shape: [norms.count], scalars: norms), normType: normType)
    }

    /// `‖x‖_p` of one tensor, in `Scalar` (2-norm via BLAS `nrm2`, which avoids overflow).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func vectorNorm<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>, normType: Double) -> Scalar {
        let n = tensor.count
        guard n > 0 else { return 0 }
        return tensor.withUnsafeBufferPointer { x in
            if normType == 2 {
                return Scalar.blasNrm2(n: n, x: x.baseAddress!, incx: 1)
            }
            if normType == .infinity {
                var largest: Scalar = 0
                for v in x {
                    let a = Swift.abs(v)
                    if a.isNaN { return a }
                    if a > largest { largest = a }
                }
                return largest
            }
            if normType == 1 {
                var sum: Scalar = 0
                for v in x { sum += Swift.abs(v) }
                return sum
            }
            var sum = 0.0
            for v in x { sum += pow(Swift.abs(Double(v)), normType) }
            return Scalar(pow(sum, 1 / normType))
        }
    }
}
