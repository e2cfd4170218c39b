import Synchronization

/// A multi-layer long short-term memory network with PyTorch `nn.LSTM(batch_first=True)`
/// semantics, parameter layout and initialisation, running on BLAS and fused vector kernels.
///
/// Per layer `k` (input `x_t`, state `h_{t-1}, c_{t-1}`, gate order i, f, g, o):
/// ```
/// G = x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh          [B, 4H]
/// i, f, o = σ(G_i), σ(G_f), σ(G_o);  g = tanh(G_g)
/// c_t = f⊙c_{t-1} + i⊙g;  h_t = o⊙tanh(c_t)
/// ```
/// Layer `k+1` takes `h_t` of layer `k` as input (with inverted dropout in training when
/// `dropout > 0`). Inputs and outputs are batch-first `[batch, steps, features]`.
///
/// Training: ``forwardTraining(_:initialState:)`` keeps the activations,
/// ``backward(outputGradient:finalStateGradient:computingInputGradient:)`` runs BPTT once
/// for that forward. Workspaces are cached per (batch, steps). `Float` passes run with
/// subnormals flushed (FTZ/DAZ, restored afterwards). With ``BLAS/threads`` ≥ 2 the batch is
/// split across threads (see Docs/LSTM.md).
public struct LSTM<Scalar: TensorScalar>: Sendable {
    /// Features per input step.
    public private(set) var inputSize: Int
    /// Features of the hidden and cell state.
    public private(set) var hiddenSize: Int
    /// Number of stacked layers.
    public private(set) var layers: Int
    /// Probability of zeroing an input element of layers ≥ 1 during training (inverted dropout).
    public var dropout: Double {
        didSet { precondition(dropout >= 0 && dropout < 1, "LSTM: dropout must be in [0, 1), got \(dropout)") }
    }

    @usableFromInline var storedParameters: [Tensor<Scalar>]
    var dropoutGenerator: SplitMix64
    var training: LSTMTrainingRecord<Scalar>?
    var trainingWorkspace: LSTMWorkspace<Scalar>?
    let inferenceCache = LSTMInferenceCache<Scalar>()

    /// An LSTM with PyTorch's default initialisation: every weight and bias drawn from
    /// U(−1/√H, 1/√H) by a SplitMix64 generator seeded with `seed` (in ``parameterNames`` order).
    ///
    /// - Parameters:
    ///   - dropout: dropout probability between layers, in [0, 1); applied only in training.
    ///   - seed: seeds the initialisation and the dropout masks.
    public init(inputSize: Int, hiddenSize: Int, layers: Int = 1, dropout: Double = 0, seed: UInt64 = 0) {
        precondition(inputSize >= 1 && hiddenSize >= 1 && layers >= 1,
                     "LSTM: inputSize \(inputSize), hiddenSize \(hiddenSize), layers \(layers) must be ≥ 1")
        precondition(dropout >= 0 && dropout < 1, "LSTM: dropout must be in [0, 1), got \(dropout)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.layers = layers
        self.dropout = dropout
        var rng = SplitMix64(state: seed)
        let bound = 1 / Double(hiddenSize).squareRoot()
        var params: [Tensor<Scalar>] = []
        for shape in Self.parameterShapes(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers) {
            params.append(Tensor(shape: shape, generating: { _ in
                Scalar((2 * rng.nextUnitDouble() - 1) * bound)
            }))
        }
        storedParameters = params
        dropoutGenerator = SplitMix64(state: seed ^ 0xD1B5_4A32_D192_ED03)
    }

    /// PyTorch `state_dict` names: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, `weight_ih_l1`, …
    public var parameterNames: [String] {
        (0..<layers).flatMap { k in ["weight_ih_l\(k)", "weight_hh_l\(k)", "bias_ih_l\(k)", "bias_hh_l\(k)"] }
    }

    /// Weights and biases aligned with ``parameterNames``: `[4H, I_k]`, `[4H, H]`, `[4H]`, `[4H]` per
    /// layer (`I_0 = inputSize`, `I_k = hiddenSize` above), rows in gate order i, f, g, o.
    ///
    /// - Precondition (set): same count and shapes as before.
    public var parameters: [Tensor<Scalar>] {
        get { storedParameters }
        set {
            let shapes = Self.parameterShapes(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers)
            precondition(newValue.count == shapes.count,
                         "LSTM.parameters: expected \(shapes.count) tensors, got \(newValue.count)")
            for (k, (t, s)) in zip(newValue, shapes).enumerated() {
                precondition(t.shape == s, "LSTM.parameters: \(parameterNames[k]) must be \(s), got \(t.shape)")
            }
            // Dense copies so BLAS can read them in place.
            storedParameters = newValue.map { $0.contiguous() }
        }
    }

    /// The shapes of ``parameters`` for a configuration.
    public static func parameterShapes(inputSize: Int, hiddenSize: Int, layers: Int) -> [[Int]] {
        (0..<layers).flatMap { k -> [[Int]] in
            let ik = k == 0 ? inputSize : hiddenSize
            return [[4 * hiddenSize, ik], [4 * hiddenSize, hiddenSize], [4 * hiddenSize], [4 * hiddenSize]]
        }
    }

    /// Inference forward (no activations kept, no dropout).
    ///
    /// - Parameters:
    ///   - input: `[batch, steps, inputSize]`, batch-first.
    ///   - initialState: `(h_0, c_0)`, each `[layers, batch, hidden]`; zeros when nil.
    /// - Precondition: shapes as documented.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: Tensor<Scalar>, initialState: LSTMState<Scalar>? = nil) -> LSTMOutput<Scalar> {
        checkShapes(input, initialState)
        let (b, t) = (input.shape[0], input.shape[1])
        let result = inferenceCache.withWorkspace(
            make: { LSTMWorkspace(batch: b, steps: t, inputSize: inputSize, hidden: hiddenSize,
                                  layers: layers, training: false, dropout: false) },
            matches: { $0.matches(batch: b, steps: t, training: false, dropout: false) }
        ) { ws in
            runForward(ws, input: input, initialState: initialState, generator: nil)
        }
        return result
    }

    /// Training forward: like ``callAsFunction(_:initialState:)`` but applies dropout (when
    /// set) and keeps every activation for one following ``backward(outputGradient:finalStateGradient:computingInputGradient:)``.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func forwardTraining(_ input: Tensor<Scalar>, initialState: LSTMState<Scalar>? = nil) -> LSTMOutput<Scalar> {
        checkShapes(input, initialState)
        let (b, t) = (input.shape[0], input.shape[1])
        let useDropout = dropout > 0
        training = nil // a pending record would make the workspace look shared
        if trainingWorkspace == nil
            || !trainingWorkspace!.matches(batch: b, steps: t, training: true, dropout: useDropout)
            || !isKnownUniquelyReferenced(&trainingWorkspace!) {
            trainingWorkspace = nil // release before allocating the replacement
            trainingWorkspace = LSTMWorkspace(batch: b, steps: t, inputSize: inputSize, hidden: hiddenSize,
                                              layers: layers, training: true, dropout: useDropout)
        }
        let ws = trainingWorkspace!
        var generator = dropoutGenerator
        let out: LSTMOutput<Scalar>
        if useDropout {
            out = withUnsafeMutablePointer(to: &generator) {
                runForward(ws, input: input, initialState: initialState, generator: $0)
            }
        } else {
            out = runForward(ws, input: input, initialState: initialState, generator: nil)
        }
        dropoutGenerator = generator
        training = LSTMTrainingRecord(workspace: ws, hasInitialState: initialState != nil)
        return out
    }

    /// Backpropagation through time for the last ``forwardTraining(_:initialState:)``.
    ///
    /// - Parameters:
    ///   - outputGradient: ∂loss/∂output `[batch, steps, hidden]`, or nil when the loss does not
    ///     read the output sequence (e.g. it only uses the last step through `finalStateGradient`).
    ///   - finalStateGradient: ∂loss/∂(h_n, c_n), each `[layers, batch, hidden]`, or nil. To train
    ///     on the last step only, pass its gradient as `h` of the top layer (zeros elsewhere) with
    ///     `outputGradient: nil`: `h_n` of the top layer *is* the last output step.
    ///   - computingInputGradient: whether to compute ``LSTMGradients/input`` (skip the GEMM when
    ///     the input needs no gradient; the field is then `[0]`).
    /// - Returns: gradients for every parameter, the input and the initial state.
    /// - Precondition: one backward per forwardTraining, shapes as documented, parameters unchanged since the forward.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func backward(
        outputGradient: Tensor<Scalar>?, finalStateGradient: LSTMState<Scalar>?,
        computingInputGradient: Bool = true
    ) -> LSTMGradients<Scalar> {
        guard let record = training else {
            preconditionFailure("LSTM.backward: call forwardTraining first (one backward per forward)")
        }
        training = nil
        let ws = record.workspace
        let (b, t, h) = (ws.batch, ws.steps, hiddenSize)
        if let g = outputGradient {
            precondition(g.shape == [b, t, h], "LSTM.backward: outputGradient must be [\(b), \(t), \(h)], got \(g.shape)")
        }
        if let s = finalStateGradient {
            precondition(s.h.shape == [layers, b, h] && s.c.shape == [layers, b, h],
                         "LSTM.backward: finalStateGradient must be [\(layers), \(b), \(h)], got \(s.h.shape), \(s.c.shape)")
        }
        return runBackward(ws, hasInitialState: record.hasInitialState, outputGradient: outputGradient,
                           finalStateGradient: finalStateGradient, inputGradient: computingInputGradient)
    }

    func checkShapes(_ input: Tensor<Scalar>, _ state: LSTMState<Scalar>?) {
        precondition(input.rank == 3 && input.shape[2] == inputSize && input.shape[0] >= 1 && input.shape[1] >= 1,
                     "LSTM: input must be [batch ≥ 1, steps ≥ 1, \(inputSize)], got \(input.shape)")
        if let s = state {
            let expected = [layers, input.shape[0], hiddenSize]
            precondition(s.h.shape == expected && s.c.shape == expected,
                         "LSTM: initial state must be \(expected), got h \(s.h.shape), c \(s.c.shape)")
        }
    }
}

/// What a training forward leaves for its backward.
struct LSTMTrainingRecord<Scalar: TensorScalar>: Sendable {
    let workspace: LSTMWorkspace<Scalar>
    let hasInitialState: Bool
}

/// The inference workspace cache of one LSTM value.
typealias LSTMInferenceCache<Scalar: TensorScalar> = WorkspaceCache<LSTMWorkspace<Scalar>>
