import Foundation

/// Adam and AdamW with PyTorch's exact update rule (`torch.optim.Adam` / `AdamW`,
/// single-tensor path, `amsgrad=False`).
///
/// Per parameter `p` with gradient `g`, at step `t = 1, 2, …` (tensor arithmetic in `Scalar`
/// with PyTorch's operation order and fused multiply–adds `fma(a, b, c)` = `a·b + c`; bias
/// corrections in `Double` as Python computes them):
/// ```
/// p ← p·(1 − η·λ)                    (AdamW, λ ≠ 0: decoupled weight decay)
/// g ← fma(λ, p, g)                   (Adam,  λ ≠ 0: L2 penalty in the gradient)
/// m ← fma(w, g − m, m), w = 1 − β₁   (torch.lerp; for w ≥ 0.5: fma(w − 1, g − m, g))
/// v ← fma((1 − β₂)·g, g, β₂·v)
/// c₁ = 1 − β₁ᵗ,  c₂ = 1 − β₂ᵗ
/// p ← p + ((−η/c₁)·m) / (√v / √c₂ + ε)
/// ```
/// Note ε is added *after* dividing √v by √c₂ (PyTorch), not to `v̂`. Bit-identical to
/// PyTorch in Double; in Float within an ulp (PyTorch's float sqrt is MKL's).
public struct Adam<Scalar: TensorScalar>: Optimizer {
    /// η.
    public var learningRate: Double
    /// β₁, the decay of the first-moment estimate.
    public var beta1: Double
    /// β₂, the decay of the second-moment estimate.
    public var beta2: Double
    /// ε, added to the bias-corrected √v.
    public var epsilon: Double
    /// λ.
    public var weightDecay: Double
    /// Whether λ decays the weights directly (AdamW) instead of entering the gradient (Adam).
    public var decoupledWeightDecay: Bool
    /// The number of steps taken (PyTorch's `state["step"]`, shared by all parameters here).
    public private(set) var stepCount = 0
    /// First-moment estimates `m`, by parameter position.
    public private(set) var firstMoments: [Tensor<Scalar>] = []
    /// Second-moment estimates `v`, by parameter position.
    public private(set) var secondMoments: [Tensor<Scalar>] = []

    /// Adam (coupled L2 weight decay); the defaults are PyTorch's.
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                  weightDecay: weightDecay, decoupledWeightDecay: false)
    }

    /// Adam or AdamW, chosen by `decoupledWeightDecay`.
    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double,
                weightDecay: Double, decoupledWeightDecay: Bool) {
        precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0,
                     "Adam: learning rate \(learningRate), ε \(epsilon), weight decay \(weightDecay) must be ≥ 0")
        precondition((0..<1).contains(beta1) && (0..<1).contains(beta2),
                     "Adam: betas (\(beta1), \(beta2)) must lie in [0, 1)")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW: Adam with decoupled weight decay; the defaults are PyTorch's `AdamW` (λ = 0.01).
    public static func adamW(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                             epsilon: Double = 1e-8, weightDecay: Double = 1e-2) -> Adam {
        Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
             weightDecay: weightDecay, decoupledWeightDecay: true)
    }

    public mutating func reset() {
        stepCount = 0
        firstMoments = []
        secondMoments = []
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) {
        checkAlignment(parameters, gradients,
                       stateShapes: firstMoments.isEmpty ? nil : firstMoments.map(\.shape),
                       optimizer: decoupledWeightDecay ? "AdamW" : "Adam")
        if firstMoments.isEmpty {
            firstMoments = parameters.map { Tensor<Scalar>.zeros($0.shape) }
            secondMoments = firstMoments
        }
        stepCount += 1
        let t = Double(stepCount)
        let biasCorrection1 = 1 - pow(beta1, t)
        let biasCorrection2 = 1 - pow(beta2, t)
        // Python evaluates `bias_correction2 ** 0.5` with C pow, which can differ from sqrt by an ulp.
        let correction2Root = Scalar(pow(biasCorrection2, 0.5))
        let negativeStepSize = Scalar(-(learningRate / biasCorrection1))
        let k = AdamCoefficients(
            decayFactor: Scalar(1 - learningRate * weightDecay), lambda: Scalar(weightDecay),
            weight1: Scalar(1 - beta1), beta2: Scalar(beta2), oneMinusBeta2: Scalar(1 - beta2),
            correction2Root: correction2Root, epsilon: Scalar(epsilon), negativeStepSize: negativeStepSize)
        let smallWeight = abs(k.weight1) < 0.5  // torch.lerp picks its formula by the (Scalar) weight
        let coupled = weightDecay != 0 && !decoupledWeightDecay
        let decoupled = weightDecay != 0 && decoupledWeightDecay
        for i in parameters.indices {
            let n = parameters[i].count
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            let (p, g, m, v) = (p.baseAddress!, g.baseAddress!, m.baseAddress!, v.baseAddress!)
                            Self.update(p, g, m, v, n, k, flags: (coupled, decoupled, smallWeight))
                        }
                    }
                }
            }
        }
    }

    /// One parameter's update with runtime flags `(coupled, decoupled, smallWeight)` (also used
    /// per group by ``GroupedTrainer``). Each case passes literal flags, so every call below
    /// inlines to a branch-free loop that vectorises.
    static func update(
        _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
        _ v: UnsafeMutablePointer<Scalar>, _ n: Int, _ k: AdamCoefficients<Scalar>,
        flags: (coupled: Bool, decoupled: Bool, smallWeight: Bool)
    ) {
        switch flags {
        case (false, false, true): update(p, g, m, v, n, k, coupled: false, decoupled: false, smallWeight: true)
        case (false, false, false): update(p, g, m, v, n, k, coupled: false, decoupled: false, smallWeight: false)
        case (true, _, true): update(p, g, m, v, n, k, coupled: true, decoupled: false, smallWeight: true)
        case (true, _, false): update(p, g, m, v, n, k, coupled: true, decoupled: false, smallWeight: false)
        case (false, true, true): update(p, g, m, v, n, k, coupled: false, decoupled: true, smallWeight: true)
        case (false, true, false): update(p, g, m, v, n, k, coupled: false, decoupled: true, smallWeight: false)
        }
    }

    /// One parameter's update with the flags as (literal) arguments.
    @inline(__always)
    static func update(
        _ p: UnsafeMutablePointer<Scalar>, _ g: UnsafePointer<Scalar>, _ m: UnsafeMutablePointer<Scalar>,
        _ v: UnsafeMutablePointer<Scalar>, _ n: Int, _ k: AdamCoefficients<Scalar>,
        coupled: Bool, decoupled: Bool, smallWeight: Bool
    ) {
        for j in 0..<n {
            let param = decoupled ? p[j] * k.decayFactor : p[j]
            let grad = coupled ? fusedMultiplyAdd(k.lambda, param, g[j]) : g[j]
            let diff = grad - m[j]
            let first = smallWeight ? fusedMultiplyAdd(k.weight1, diff, m[j])
                                    : fusedMultiplyAdd(k.weight1 - 1, diff, grad)
            let second = fusedMultiplyAdd(k.oneMinusBeta2 * grad, grad, v[j] * k.beta2)
            let denominator = second.squareRoot() / k.correction2Root + k.epsilon
            m[j] = first
            v[j] = second
            p[j] = param + k.negativeStepSize * first / denominator  // addcdiv: self + (value·t1)/t2
        }
    }
}

/// Adam's per-step scalars, rounded to `Scalar` once.
struct AdamCoefficients<Scalar: TensorScalar> {
    let decayFactor: Scalar, lambda: Scalar, weight1: Scalar, beta2: Scalar, oneMinusBeta2: Scalar
    let correction2Root: Scalar, epsilon: Scalar, negativeStepSize: Scalar
}
