/// One LSTM layer advanced by a single step, for hand-written time loops (teacher forcing,
/// autoregressive sampling). Same equations, layout and initialisation as one layer of ``LSTM``.
///
/// Inference only: for training use ``LSTM``, whose BPTT merges the weight-gradient GEMMs over
/// all steps.
public struct LSTMCell<Scalar: TensorScalar>: Sendable {
    /// Features per input.
    public let inputSize: Int
    /// Features of the hidden and cell state.
    public let hiddenSize: Int
    /// `[4H, inputSize]`, gate rows i, f, g, o.
    public private(set) var weightIH: Tensor<Scalar>
    /// `[4H, H]`.
    public private(set) var weightHH: Tensor<Scalar>
    /// `[4H]`.
    public private(set) var biasIH: Tensor<Scalar>
    /// `[4H]`.
    public private(set) var biasHH: Tensor<Scalar>

    /// A cell initialised like PyTorch `nn.LSTMCell` (U(−1/√H, 1/√H), seeded).
    public init(inputSize: Int, hiddenSize: Int, seed: UInt64 = 0) {
        self.init(LSTM<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, layers: 1, seed: seed), layer: 0)
    }

    /// The cell of layer `layer` of `lstm` (sharing its current weights).
    public init(_ lstm: LSTM<Scalar>, layer: Int) {
        precondition(layer >= 0 && layer < lstm.layers, "LSTMCell: layer \(layer) out of 0..<\(lstm.layers)")
        let p = lstm.parameters
        inputSize = layer == 0 ? lstm.inputSize : lstm.hiddenSize
        hiddenSize = lstm.hiddenSize
        weightIH = p[4 * layer]
        weightHH = p[4 * layer + 1]
        biasIH = p[4 * layer + 2]
        biasHH = p[4 * layer + 3]
    }

    /// One step: `x` `[B, inputSize]`, `state` `(h, c)` each `[B, hiddenSize]` → the next `(h, c)`.
    public func forward(_ x: Tensor<Scalar>, state: (h: Tensor<Scalar>, c: Tensor<Scalar>))
        -> (h: Tensor<Scalar>, c: Tensor<Scalar>) {
        let H = hiddenSize
        precondition(x.rank == 2 && x.shape[1] == inputSize,
                     "LSTMCell: x must be [batch, \(inputSize)], got \(x.shape)")
        let B = x.shape[0]
        precondition(state.h.shape == [B, H] && state.c.shape == [B, H],
                     "LSTMCell: state must be [\(B), \(H)], got h \(state.h.shape), c \(state.c.shape)")
        let xs = x.contiguous(), h0 = state.h.contiguous(), c0 = state.c.contiguous()
        let gates = Tensor<Scalar>.lstmUninitialized([B, 4 * H])
        let bias = Tensor<Scalar>.lstmUninitialized([4 * H])
        let hOut = Tensor<Scalar>.lstmUninitialized([B, H]), cOut = Tensor<Scalar>.lstmUninitialized([B, H])
        Scalar.kernelAdd(count: 4 * H, biasIH.lstmBase, biasHH.lstmBase, bias.lstmBase)
        Scalar.blasGemm(.none, .transpose, m: B, n: 4 * H, k: inputSize, alpha: 1, a: xs.lstmBase, lda: inputSize,
                        b: weightIH.lstmBase, ldb: inputSize, beta: 0, c: gates.lstmBase, ldc: 4 * H)
        Scalar.blasGemm(.none, .transpose, m: B, n: 4 * H, k: H, alpha: 1, a: h0.lstmBase, lda: H,
                        b: weightHH.lstmBase, ldb: H, beta: 1, c: gates.lstmBase, ldc: 4 * H)
        Scalar.kernelLSTMForward(rows: B, hidden: H, gates: gates.lstmBase, bias: bias.lstmBase,
                                 cPrev: c0.lstmBase, c: cOut.lstmBase, h: hOut.lstmBase, tanhC: nil)
        return (hOut, cOut)
    }

    /// Same as ``forward(_:state:)``.
    public func callAsFunction(_ x: Tensor<Scalar>, state: (h: Tensor<Scalar>, c: Tensor<Scalar>))
        -> (h: Tensor<Scalar>, c: Tensor<Scalar>) {
        forward(x, state: state)
    }
}
