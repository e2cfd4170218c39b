/// The recurrent state of a (multi-layer) LSTM: hidden and cell state of every layer.
public struct LSTMState<Scalar: TensorScalar>: Sendable {
    /// Hidden state, shape `[layers, batch, hidden]`.
    public var h: Tensor<Scalar>
    /// Cell state, shape `[layers, batch, hidden]`.
    public var c: Tensor<Scalar>

    /// A state from hidden and cell tensors (each `[layers, batch, hidden]`).
    public init(h: Tensor<Scalar>, c: Tensor<Scalar>) {
        precondition(h.shape == c.shape && h.rank == 3,
                     "LSTMState: h \(h.shape) and c \(c.shape) must both be [layers, batch, hidden]")
        self.h = h
        self.c = c
    }

    /// The all-zero state (PyTorch's default when no initial state is passed).
    public static func zeros(layers: Int, batch: Int, hidden: Int) -> LSTMState {
        LSTMState(h: .zeros([layers, batch, hidden]), c: .zeros([layers, batch, hidden]))
    }
}

/// What an LSTM forward pass returns.
public struct LSTMOutput<Scalar: TensorScalar>: Sendable {
    /// Top-layer hidden state of every step, batch-first `[batch, steps, hidden]`.
    public var output: Tensor<Scalar>
    /// Final state `(h_n, c_n)` of every layer, each `[layers, batch, hidden]`.
    public var state: LSTMState<Scalar>

    /// An output from its parts.
    public init(output: Tensor<Scalar>, state: LSTMState<Scalar>) {
        self.output = output
        self.state = state
    }
}

/// Gradients of a scalar loss produced by ``LSTM/backward(outputGradient:finalStateGradient:computingInputGradient:)``.
public struct LSTMGradients<Scalar: TensorScalar>: Sendable {
    /// ∂loss/∂parameter, aligned with ``LSTM/parameters`` (so `bias_ih` and `bias_hh` gradients are equal).
    public var parameters: [Tensor<Scalar>]
    /// ∂loss/∂input `[batch, steps, inputSize]`; shape `[0]` when not requested.
    public var input: Tensor<Scalar>
    /// ∂loss/∂(h_0, c_0), each `[layers, batch, hidden]` (also when the forward used the zero state).
    public var initialState: LSTMState<Scalar>

    /// Gradients from their parts.
    public init(parameters: [Tensor<Scalar>], input: Tensor<Scalar>, initialState: LSTMState<Scalar>) {
        self.parameters = parameters
        self.input = input
        self.initialState = initialState
    }
}
