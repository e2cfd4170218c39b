/// Stochastic gradient descent with PyTorch's `torch.optim.SGD` update rule.
///
/// Per parameter `p` with gradient `g` (all arithmetic in `Scalar`, in this order):
/// ```
/// g ← g + λ·p                                  (weight decay λ ≠ 0)
/// b ← g                                         (first step, momentum μ ≠ 0)
/// b ← μ·b + (1 − τ)·g                          (later steps; τ = dampening)
/// g ← g + μ·b  if nesterov, else  g ← b
/// p ← p − η·g
/// ```
public struct SGD<Scalar: TensorScalar>: Optimizer {
    /// η.
    public var learningRate: Double
    /// μ (0 disables the momentum buffer).
    public var momentum: Double
    /// τ, the dampening of the gradient added to the momentum buffer.
    public var dampening: Double
    /// λ, L2 penalty added to the gradient (coupled weight decay).
    public var weightDecay: Double
    /// Nesterov momentum (requires μ > 0 and τ = 0, as PyTorch).
    public var nesterov: Bool
    /// Momentum buffers, by parameter position (empty until the first step).
    public private(set) var momentumBuffers: [Tensor<Scalar>] = []

    /// An SGD optimiser; the defaults are PyTorch's.
    public init(learningRate: Double, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) {
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0,
                     "SGD: learning rate \(learningRate), momentum \(momentum), weight decay \(weightDecay) must be ≥ 0")
        precondition(!nesterov || (momentum > 0 && dampening == 0),
                     "SGD: Nesterov momentum requires momentum > 0 and zero dampening")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public mutating func reset() { momentumBuffers = [] }

    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) {
        checkAlignment(parameters, gradients,
                       stateShapes: momentumBuffers.isEmpty ? nil : momentumBuffers.map(\.shape),
                       optimizer: "SGD")
        let firstStep = momentumBuffers.isEmpty
        if momentum != 0 && firstStep {
            momentumBuffers = parameters.map { Tensor<Scalar>.zeros($0.shape) }
        }
        let lambda = Scalar(weightDecay), mu = Scalar(momentum)
        let keep = Scalar(1 - dampening), negativeRate = Scalar(-learningRate)
        let useMomentum = momentum != 0, useDecay = weightDecay != 0, nesterov = nesterov
        for i in parameters.indices {
            let n = parameters[i].count
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    guard useMomentum else {
                        for j in 0..<n {
                            var d = g[j]
                            if useDecay { d = d + lambda * p[j] }
                            p[j] = p[j] + negativeRate * d
                        }
                        return
                    }
                    momentumBuffers[i].withUnsafeMutableBufferPointer { b in
                        for j in 0..<n {
                            var d = g[j]
                            if useDecay { d = d + lambda * p[j] }
                            b[j] = firstStep ? d : b[j] * mu + keep * d
                            d = nesterov ? d + mu * b[j] : b[j]
                            p[j] = p[j] + negativeRate * d
                        }
                    }
                }
            }
        }
    }
}
