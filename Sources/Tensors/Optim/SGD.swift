/// Stochastic gradient descent with PyTorch's `torch.optim.SGD` update rule.
///
/// Per parameter `p` with gradient `g` (arithmetic in `Scalar`, in this order; `fma(a, b, c)`
/// = `a·b + c` rounded once, as PyTorch's CPU kernels compute `x.add_(y, alpha=a)`):
/// ```
/// g ← fma(λ, p, g)                              (weight decay λ ≠ 0)
/// b ← g                                         (first step, momentum μ ≠ 0)
/// b ← fma(1 − τ, g, μ·b)                        (later steps; τ = dampening)
/// g ← fma(μ, b, g)  if nesterov, else  g ← b
/// p ← fma(−η, g, p)
/// ```
/// The result is bit-identical to `torch.optim.SGD` (tested in Float and Double).
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

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>]) {
        checkAlignment(parameters, gradients,
                       stateShapes: momentumBuffers.isEmpty ? nil : momentumBuffers.map(\.shape),
                       optimizer: "SGD")
        let firstStep = momentumBuffers.isEmpty
        if momentum != 0 && firstStep {
            momentumBuffers = parameters.map { Tensor<Scalar>.zeros($0.shape) }
        }
        let coefficients = SGDCoefficients(lambda: Scalar(weightDecay), mu: Scalar(momentum),
                                           keep: Scalar(1 - dampening), negativeRate: Scalar(-learningRate))
        let useMomentum = momentum != 0, decay = weightDecay != 0, nesterov = nesterov
        for i in parameters.indices {
            let n = parameters[i].count
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { p in
                    guard useMomentum else {
                        // Literal flags: each call inlines to a branch-free loop that vectorises.
                        if decay { Self.update(p, g, nil, n, coefficients, decay: true, first: false, nesterov: false) }
                        else { Self.update(p, g, nil, n, coefficients, decay: false, first: false, nesterov: false) }
                        return
                    }
                    momentumBuffers[i].withUnsafeMutableBufferPointer { b in
                        switch (decay, firstStep, nesterov) {
                        case (false, false, false): Self.update(p, g, b, n, coefficients, decay: false, first: false, nesterov: false)
                        case (false, false, true): Self.update(p, g, b, n, coefficients, decay: false, first: false, nesterov: true)
                        case (false, true, false): Self.update(p, g, b, n, coefficients, decay: false, first: true, nesterov: false)
                        case (false, true, true): Self.update(p, g, b, n, coefficients, decay: false, first: true, nesterov: true)
                        case (true, false, false): Self.update(p, g, b, n, coefficients, decay: true, first: false, nesterov: false)
                        case (true, false, true): Self.update(p, g, b, n, coefficients, decay: true, first: false, nesterov: true)
                        case (true, true, false): Self.update(p, g, b, n, coefficients, decay: true, first: true, nesterov: false)
                        case (true, true, true): Self.update(p, g, b, n, coefficients, decay: true, first: true, nesterov: true)
                        }
                    }
                }
            }
        }
    }

    /// One parameter's update; `b` is nil without momentum.
    @inline(__always)
    private static func update(
        _ p: UnsafeMutableBufferPointer<Scalar>, _ g: UnsafeBufferPointer<Scalar>,
        _ b: UnsafeMutableBufferPointer<Scalar>?, _ n: Int, _ k: SGDCoefficients<Scalar>,
        decay: Bool, first: Bool, nesterov: Bool
    ) {
        let p = p.baseAddress!, g = g.baseAddress!
        guard let b = b?.baseAddress else {
            for j in 0..<n {
                let d = decay ? fusedMultiplyAdd(k.lambda, p[j], g[j]) : g[j]
                p[j] = fusedMultiplyAdd(k.negativeRate, d, p[j])
            }
            return
        }
        for j in 0..<n {
            var d = decay ? fusedMultiplyAdd(k.lambda, p[j], g[j]) : g[j]
            let buffer = first ? d : fusedMultiplyAdd(k.keep, d, b[j] * k.mu)
            b[j] = buffer
            d = nesterov ? fusedMultiplyAdd(k.mu, buffer, d) : buffer
            p[j] = fusedMultiplyAdd(k.negativeRate, d, p[j])
        }
    }
}

/// SGD's per-step scalars, rounded to `Scalar` once.
struct SGDCoefficients<Scalar: TensorScalar> {
    let lambda: Scalar, mu: Scalar, keep: Scalar, negativeRate: Scalar
}
