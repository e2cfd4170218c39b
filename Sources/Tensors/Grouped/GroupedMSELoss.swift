/// Mean squared error of each group over its own rows, with per-row 0/1 weights so a group
/// padded to the common batch size learns only from its real rows.
///
/// For group `g` with weights `w` (1 = real row, 0 = padding) and `n_g = Σ w`:
/// `L_g = (1/n_g)·Σ w·(p − t)²`, `∂L_g/∂p = 2·w·(p − t)/n_g` — exactly ``MSELoss`` on the
/// real rows alone (sums in `Double`, the gradient scale `2/n_g` in `Scalar`). A group with
/// `n_g = 0` has loss NaN and a zero gradient.
public enum GroupedMSELoss {
    /// Per-group losses and the gradient `[G, B, 1]`.
    ///
    /// - Parameters:
    ///   - prediction: `[G, B, 1]`.
    ///   - target: `[G, B, 1]`.
    ///   - mask: `[G, B]` of 0 and 1.
    /// - Precondition: shapes as documented.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func valueAndGradient<Scalar: TensorScalar>(
        prediction: Tensor<Scalar>, target: Tensor<Scalar>, mask: Tensor<Scalar>
    ) -> (values: [Scalar], gradient: Tensor<Scalar>) {
        precondition(prediction.rank == 3 && prediction.shape[2] == 1 && target.shape == prediction.shape
                     && mask.shape == Array(prediction.shape.prefix(2)),
                     "GroupedMSELoss: prediction \(prediction.shape), target \(target.shape) must be [G, B, 1] and mask \(mask.shape) [G, B]")
        let (groups, rows) = (prediction.shape[0], prediction.shape[1])
        var values = [Scalar](repeating: .nan, count: groups)
        var gradient = Tensor<Scalar>.zeros(prediction.shape)
        prediction.withUnsafeBufferPointer { p in
            target.withUnsafeBufferPointer { t in
                mask.withUnsafeBufferPointer { w in
                    gradient.withUnsafeMutableBufferPointer { d in
                        for g in 0..<groups {
                            var sum = 0.0, n = 0
                            for r in g * rows..<(g + 1) * rows where w[r] != 0 {
                                let e = Double(p[r]) - Double(t[r])
                                sum += e * e
                                n += 1
                            }
                            guard n > 0 else { continue }
                            values[g] = Scalar(sum / Double(n))
                            let scale = Scalar(2) / Scalar(n)
                            for r in g * rows..<(g + 1) * rows where w[r] != 0 { d[r] = scale * (p[r] - t[r]) }
                        }
                    }
                }
            }
        }
        return (values, gradient)
    }
}
