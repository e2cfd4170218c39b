import Foundation

/// Adam/AdamW moments of every group, stacked like the model's parameters, with one step
/// counter per group: a group skipped on a step (no samples left in its epoch, or early-stopped)
/// keeps its counter and moments, so its updates are those of ``Adam`` on that model alone.
struct GroupedAdamState<Scalar: TensorScalar> {
    var firstMoments: [Tensor<Scalar>]
    var secondMoments: [Tensor<Scalar>]
    var stepCounts: [Int]

    init(like parameters: [Tensor<Scalar>], groups: Int) {
        firstMoments = parameters.map { Tensor<Scalar>.zeros($0.shape) }
        secondMoments = firstMoments
        stepCounts = Array(repeating: 0, count: groups)
    }

    /// One ``Adam/step(_:gradients:)`` of group `g` only: the same coefficients (from the
    /// group's own step count) and the same per-element update.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    mutating func step(group g: Int, hyper: Adam<Scalar>, parameters: inout [Tensor<Scalar>],
                       gradients: [Tensor<Scalar>]) {
        stepCounts[g] += 1
        let t = Double(stepCounts[g])
        let biasCorrection1 = 1 - pow(hyper.beta1, t)
        let biasCorrection2 = 1 - pow(hyper.beta2, t)
        // As Adam: Python's `bias_correction2 ** 0.5` is C pow.
        let k = AdamCoefficients(
            decayFactor: Scalar(1 - hyper.learningRate * hyper.weightDecay), lambda: Scalar(hyper.weightDecay),
            weight1: Scalar(1 - hyper.beta1), beta2: Scalar(hyper.beta2), oneMinusBeta2: Scalar(1 - hyper.beta2),
            correction2Root: Scalar(pow(biasCorrection2, 0.5)), epsilon: Scalar(hyper.epsilon),
            negativeStepSize: Scalar(-(hyper.learningRate / biasCorrection1)))
        let smallWeight = abs(k.weight1) < 0.5
        let coupled = hyper.weightDecay != 0 && !hyper.decoupledWeightDecay
        let decoupled = hyper.weightDecay != 0 && hyper.decoupledWeightDecay
        for i in parameters.indices {
            let n = parameters[i].count / parameters[i].shape[0]
            gradients[i].withUnsafeBufferPointer { gb in
                parameters[i].withUnsafeMutableBufferPointer { pb in
                    firstMoments[i].withUnsafeMutableBufferPointer { mb in
                        secondMoments[i].withUnsafeMutableBufferPointer { vb in
                            let o = g * n
                            let (p, gr, m, v) = (pb.baseAddress! + o, gb.baseAddress! + o, mb.baseAddress! + o, vb.baseAddress! + o)
                            switch (coupled, decoupled, smallWeight) {
                            case (false, false, true): Adam.update(p, gr, m, v, n, k, coupled: false, decoupled: false, smallWeight: true)
                            case (false, false, false): Adam.update(p, gr, m, v, n, k, coupled: false, decoupled: false, smallWeight: false)
                            case (true, _, true): Adam.update(p, gr, m, v, n, k, coupled: true, decoupled: false, smallWeight: true)
                            case (true, _, false): Adam.update(p, gr, m, v, n, k, coupled: true, decoupled: false, smallWeight: false)
                            case (false, true, true): Adam.update(p, gr, m, v, n, k, coupled: false, decoupled: true, smallWeight: true)
                            case (false, true, false): Adam.update(p, gr, m, v, n, k, coupled: false, decoupled: true, smallWeight: false)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Per-group views of stacked gradients: finiteness and global-norm clipping of one group.
enum GroupedGradients {
    /// The index of the first stacked tensor whose group-`g` slice holds a NaN or infinity.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func firstNonFinite<Scalar: TensorScalar>(_ gradients: [Tensor<Scalar>], group g: Int) -> Int? {
        gradients.firstIndex { tensor in
            let n = tensor.count / tensor.shape[0]
            return tensor.withUnsafeBufferPointer { buffer in
                var probe: Scalar = 0 // x·0 is 0 for finite x, NaN otherwise
                for v in buffer[(g * n)..<((g + 1) * n)] { probe += v * 0 }
                return probe != 0
            }
        }
    }

    /// ``GradientClipping/clipNorm(_:maxNorm:normType:)`` (2-norm) applied to group `g`'s
    /// slices only, with the same arithmetic; returns the group's norm before clipping.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func clip<Scalar: TensorScalar>(_ gradients: inout [Tensor<Scalar>], group g: Int, maxNorm: Double) -> Scalar {
        let norms = gradients.map { tensor -> Scalar in
            let n = tensor.count / tensor.shape[0]
            return tensor.withUnsafeBufferPointer { Scalar.blasNrm2(n: n, x: $0.baseAddress! + g * n, incx: 1) }
        }
        let total = GradientClipping.vectorNorm(Tensor(shape: [norms.count], scalars: norms), normType: 2)
        let coefficient = Scalar(maxNorm) / (total + Scalar(1e-6))
        let clamped = coefficient.isNaN ? coefficient : Swift.min(coefficient, 1)
        guard clamped != 1 else { return total }
        for i in gradients.indices {
            let n = gradients[i].count / gradients[i].shape[0]
            gradients[i].withUnsafeMutableBufferPointer { buffer in
                Scalar.blasScal(n: n, alpha: clamped, x: buffer.baseAddress! + g * n, incx: 1)
            }
        }
        return total
    }
}
