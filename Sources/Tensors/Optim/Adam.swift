import Foundation

/// Adam and AdamW with PyTorch's exact update rule (`torch.optim.Adam` / `AdamW`,
/// single-tensor path, `amsgrad=False`).
///
/// Per parameter `p` with gradient `g`, at step `t = 1, 2, …` (tensor arithmetic in `Scalar`,
/// bias corrections in `Double` as Python computes them):
/// ```
/// p ← p·(1 − η·λ)                    (AdamW, λ ≠ 0: decoupled weight decay)
/// g ← g + λ·p                        (Adam,  λ ≠ 0: L2 penalty in the gradient)
/// m ← m + (1 − β₁)·(g − m)           (torch.lerp; when 1 − β₁ ≥ 0.5: g − (g − m)·β₁)
/// v ← β₂·v + (1 − β₂)·g·g
/// c₁ = 1 − β₁ᵗ,  c₂ = 1 − β₂ᵗ
/// p ← p − (η/c₁) · m / (√v / √c₂ + ε)
/// ```
/// Note ε is added *after* dividing √v by √c₂ (PyTorch), not to `v̂`.
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
        let decayFactor = Scalar(1 - learningRate * weightDecay)
        let lambda = Scalar(weightDecay), eps = Scalar(epsilon)
        let weight1 = Scalar(1 - beta1)
        let lerpFromStart = 1 - beta1 < 0.5  // torch.lerp's two branches, chosen by the weight
        let b2 = Scalar(beta2), oneMinusB2 = Scalar(1 - beta2)
        let coupled = weightDecay != 0 && !decoupledWeightDecay
        let decoupled = weightDecay != 0 && decoupledWeightDecay
        for i in parameters.indices {
            let n = parameters[i].count
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            for j in 0..<n {
                                if decoupled { p[j] = p[j] * decayFactor }
                                let grad = coupled ? g[j] + lambda * p[j] : g[j]
                                let diff = grad - m[j]
                                m[j] = lerpFromStart ? m[j] + weight1 * diff : grad - diff * (1 - weight1)
                                v[j] = v[j] * b2 + oneMinusB2 * grad * grad
                                let denominator = v[j].squareRoot() / correction2Root + eps
                                p[j] = p[j] + negativeStepSize * (m[j] / denominator)
                            }
                        }
                    }
                }
            }
        }
    }
}
