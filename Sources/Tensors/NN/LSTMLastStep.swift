/// An ``LSTM`` seen as a layer that maps a sequence `[B, T, I]` to the top layer's hidden
/// state at the last step `[B, H]` — PyTorch's `lstm(x)[0][:, -1, :]`.
///
/// Its parameter names are the LSTM's own (`weight_ih_l0`, …), so inside a ``Chain``
/// named `"lstm"` they become the `state_dict` keys of a PyTorch module holding
/// `self.lstm = nn.LSTM(..., batch_first=True)`.
public struct LSTMLastStep<Scalar: TensorScalar>: TrainableLayer {
    /// The wrapped network (zero initial state on every call).
    public var lstm: LSTM<Scalar>

    /// Wraps `lstm`.
    public init(_ lstm: LSTM<Scalar>) { self.lstm = lstm }

    /// The LSTM's parameter names.
    public var parameterNames: [String] { lstm.parameterNames }

    /// The LSTM's parameters.
    public var parameters: [Tensor<Scalar>] {
        get { lstm.parameters }
        set { lstm.parameters = newValue }
    }

    /// `h_n` of the top layer, `[B, H]` (equal to the last output step).
    public func predict(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        Self.topHidden(lstm(input).state.h)
    }

    /// Training forward; the LSTM keeps its activations for the backward.
    public mutating func forwardTraining(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        Self.topHidden(lstm.forwardTraining(input).state.h)
    }

    /// Parameter gradients only: the input gradient GEMM is skipped (first stage of a chain).
    public mutating func backward(_ outputGradient: Tensor<Scalar>) -> [Tensor<Scalar>] {
        lstm.backward(outputGradient: nil, finalStateGradient: finalStateGradient(outputGradient),
                      computingInputGradient: false).parameters
    }

    /// Parameter and input gradients.
    public mutating func backwardWithInput(_ outputGradient: Tensor<Scalar>) -> LayerGradients<Scalar> {
        let gradients = lstm.backward(outputGradient: nil, finalStateGradient: finalStateGradient(outputGradient),
                                      computingInputGradient: true)
        return LayerGradients(parameters: gradients.parameters, input: gradients.input)
    }

    /// The last step's gradient as ∂loss/∂h_n of the top layer; zeros for lower layers and c_n.
    private func finalStateGradient(_ outputGradient: Tensor<Scalar>) -> LSTMState<Scalar> {
        let (layers, hidden) = (lstm.layers, lstm.hiddenSize)
        precondition(outputGradient.rank == 2 && outputGradient.shape[1] == hidden,
                     "LSTMLastStep.backward: gradient must be [batch, \(hidden)], got \(outputGradient.shape)")
        let batch = outputGradient.shape[0]
        var h = Tensor<Scalar>.zeros([layers, batch, hidden])
        outputGradient.withUnsafeBufferPointer { g in
            h.withUnsafeMutableBufferPointer { dh in
                (dh.baseAddress! + (layers - 1) * batch * hidden).update(from: g.baseAddress!, count: batch * hidden)
            }
        }
        return LSTMState(h: h, c: .zeros([layers, batch, hidden]))
    }

    private static func topHidden(_ h: Tensor<Scalar>) -> Tensor<Scalar> {
        h.slice(h.shape[0] - 1).contiguous()
    }
}

/// LSTM → last step → Linear: a sequence regressor `[B, T, I]` → `[B, outputSize]` whose
/// parameters are named `lstm.weight_ih_l0, …, head.weight, head.bias` (PyTorch `state_dict` keys).
public typealias LSTMRegressor<Scalar: TensorScalar> = Chain<LSTMLastStep<Scalar>, Linear<Scalar>>

extension Chain {
    /// An ``LSTMRegressor``: `LSTM(inputSize, hiddenSize, layers, dropout)` named `"lstm"`,
    /// then `Linear(hiddenSize, outputSize)` named `"head"` on the last step's hidden state.
    /// `seed` initialises the LSTM; `seed + 1` the head.
    public init<S: TensorScalar>(inputSize: Int, hiddenSize: Int, layers: Int = 1, dropout: Double = 0,
                                 outputSize: Int = 1, seed: UInt64 = 0)
    where First == LSTMLastStep<S>, Second == Linear<S> {
        self.init(("lstm", LSTMLastStep(LSTM(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
                                             dropout: dropout, seed: seed))),
                  ("head", Linear(inputSize: hiddenSize, outputSize: outputSize, seed: seed &+ 1)))
    }
}
