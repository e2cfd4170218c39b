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

    /// One ``Adam/step(_:gradients:)`` for each of `groups` (ascending, distinct), each group on
    /// its own: the gradients are first checked for NaN/∞ (nothing is updated when one is
    /// found; the first offending group and parameter index are returned), then clipped to
    /// `clipNorm` by the group's own global 2-norm, then applied with the coefficients of the
    /// group's own step count. The groups are split between ``BLAS/threads`` threads; every
    /// group's arithmetic is that of ``GradientClipping`` and ``Adam`` on that model alone.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    mutating func step(groups: [Int], hyper: Adam<Scalar>, parameters: inout [Tensor<Scalar>],
                       gradients: inout [Tensor<Scalar>], clipNorm: Double?) -> (group: Int, parameter: Int)? {
        guard !groups.isEmpty else { return nil }
        for i in parameters.indices {
            parameters[i].makeUnique(); gradients[i].makeUnique()
            firstMoments[i].makeUnique(); secondMoments[i].makeUnique()
        }
        let p = parameters.map(\.lstmBase), gr = gradients.map(\.lstmBase)
        let m = firstMoments.map(\.lstmBase), v = secondMoments.map(\.lstmBase)
        let sizes = parameters.map { $0.count / $0.shape[0] }
        let parts = LSTMPlanner.groupedParts(groups: groups.count, threads: BLAS.threads)

        // 1. Finiteness of every group's gradients before anything changes.
        let bad = UnsafeMutableBufferPointer<Int>.allocate(capacity: groups.count)
        bad.initialize(repeating: -1)
        defer { bad.deallocate() }
        LSTMParallel.run(parts: parts, flush: false) { part in
            for k in LSTMParallel.range(part, of: parts, count: groups.count) {
                bad[k] = GroupedGradients.firstNonFinite(gr, sizes: sizes, group: groups[k]) ?? -1
            }
        }
        if let k = bad.firstIndex(where: { $0 >= 0 }) { return (groups[k], bad[k]) }

        // 2. Clip and update. Coefficients per group from its own step count (as Adam.step).
        let coefficients = groups.map { g -> AdamCoefficients<Scalar> in
            stepCounts[g] += 1
            let t = Double(stepCounts[g])
            let biasCorrection1 = 1 - pow(hyper.beta1, t)
            let biasCorrection2 = 1 - pow(hyper.beta2, t)
            // As Adam: Python's `bias_correction2 ** 0.5` is C pow.
            return AdamCoefficients(
                decayFactor: Scalar(1 - hyper.learningRate * hyper.weightDecay), lambda: Scalar(hyper.weightDecay),
                weight1: Scalar(1 - hyper.beta1), beta2: Scalar(hyper.beta2), oneMinusBeta2: Scalar(1 - hyper.beta2),
                correction2Root: Scalar(pow(biasCorrection2, 0.5)), epsilon: Scalar(hyper.epsilon),
                negativeStepSize: Scalar(-(hyper.learningRate / biasCorrection1)))
        }
        let smallWeight = abs(coefficients[0].weight1) < 0.5
        let coupled = hyper.weightDecay != 0 && !hyper.decoupledWeightDecay
        let decoupled = hyper.weightDecay != 0 && hyper.decoupledWeightDecay
        // nrm2/scal from our own threads: hold OpenBLAS at one thread meanwhile.
        BLAS.withThreads(parts > 1 ? 1 : BLAS.threads) {
            LSTMParallel.run(parts: parts, flush: false) { part in
                for k in LSTMParallel.range(part, of: parts, count: groups.count) {
                    let g = groups[k]
                    if let clipNorm { GroupedGradients.clip(gr, sizes: sizes, group: g, maxNorm: clipNorm) }
                    let c = coefficients[k]
                    for i in p.indices {
                        let (n, o) = (sizes[i], g * sizes[i])
                        let (pp, gg, mm, vv) = (p[i] + o, UnsafePointer(gr[i] + o), m[i] + o, v[i] + o)
                        Adam.update(pp, gg, mm, vv, n, c, flags: (coupled, decoupled, smallWeight))
                    }
                }
            }
        }
        return nil
    }
}

/// Per-group views of stacked gradients (`pointers[i]` + `g·sizes[i]` is group `g`'s slice of tensor `i`).
enum GroupedGradients {
    /// The index of the first tensor whose group-`g` slice holds a NaN or infinity.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func firstNonFinite<Scalar: TensorScalar>(_ pointers: [UnsafeMutablePointer<Scalar>], sizes: [Int], group g: Int) -> Int? {
        pointers.indices.first { i in
            var probe: Scalar = 0 // x·0 is 0 for finite x, NaN otherwise
            let x = pointers[i] + g * sizes[i]
            for j in 0..<sizes[i] { probe += x[j] * 0 }
            return probe != 0
        }
    }

    /// ``GradientClipping/clipNorm(_:maxNorm:normType:)`` (2-norm) applied to group `g`'s
    /// slices only, with the same arithmetic; returns the group's norm before clipping.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func clip<Scalar: TensorScalar>(_ pointers: [UnsafeMutablePointer<Scalar>], sizes: [Int], group g: Int,
                                           maxNorm: Double) -> Scalar {
        let norms = pointers.indices.map { Scalar.blasNrm2(n: sizes[$0], x: pointers[$0] + g * sizes[$0], incx: 1) }
        let total = GradientClipping.vectorNorm(Tensor(shape: [norms.count], scalars: norms), normType: 2)
        let coefficient = Scalar(maxNorm) / (total + Scalar(1e-6))
        let clamped = coefficient.isNaN ? coefficient : Swift.min(coefficient, 1)
        guard clamped != 1 else { return total }
        for i in pointers.indices { Scalar.blasScal(n: sizes[i], alpha: clamped, x: pointers[i] + g * sizes[i], incx: 1) }
        return total
    }
}
