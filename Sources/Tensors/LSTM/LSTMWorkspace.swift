/// Every buffer one LSTM pass needs for a given (batch, steps), allocated once and reused
/// across calls so the time loop never allocates. Layout is time-major: the rows of step
/// `t` are the contiguous block `[t·B, (t+1)·B)`, so each step is a plain 2-D matrix and
/// the merged GEMMs see `[T·B, ·]` matrices.
///
/// `@unchecked Sendable`: a workspace is only used by the LSTM value that owns it, or
/// under the inference cache's mutex; the worker threads of one pass write disjoint rows.
final class LSTMWorkspace<Scalar: TensorScalar>: @unchecked Sendable {
    let batch: Int
    let steps: Int
    let inputSize: Int
    let hidden: Int
    let layers: Int
    let training: Bool
    let dropout: Bool

    /// Layer-0 input, time-major `[T·B, I]`.
    let input: UnsafeMutablePointer<Scalar>
    /// Per layer: gate pre-activations → activations (forward) → pre-activation gradients (backward), `[T·B, 4H]`.
    let gates: [UnsafeMutablePointer<Scalar>]
    /// Per layer: hidden states `[(T+1)·B, H]`, block 0 is h₀.
    let hs: [UnsafeMutablePointer<Scalar>]
    /// Per layer: cell states `[(T+1)·B, H]`, block 0 is c₀.
    let cs: [UnsafeMutablePointer<Scalar>]
    /// Per layer: tanh(c_t) `[T·B, H]` (training only).
    let tanhC: [UnsafeMutablePointer<Scalar>?]
    /// Per layer ≥ 1 with dropout: the scaled keep mask and the dropped input `[T·B, H]`.
    let masks: [UnsafeMutablePointer<Scalar>?]
    let dropped: [UnsafeMutablePointer<Scalar>?]
    /// Per layer: b_ih + b_hh `[4H]`.
    let bias: [UnsafeMutablePointer<Scalar>]
    /// Per layer whose input is narrow (``LSTM/usesSmallInputKernels(inputWidth:hidden:)``):
    /// W_ihᵀ `[I_l, 4H]`, repacked each forward pass for the small-k projection kernel.
    let inputWeightsT: [UnsafeMutablePointer<Scalar>?]
    /// Backward scratch: recurrent ∂h `[B, H]`, carried ∂c `[B, H]`, lower-layer output
    /// gradient `[T·B, H]`, ones `[T·B]` for bias reductions, a transpose buffer and the
    /// time-major input gradient `[T·B, I]`.
    let dh: UnsafeMutablePointer<Scalar>?
    let dc: UnsafeMutablePointer<Scalar>?
    let dY: UnsafeMutablePointer<Scalar>?
    let ones: UnsafeMutablePointer<Scalar>?
    let transposeScratch: UnsafeMutablePointer<Scalar>?
    let dInput: UnsafeMutablePointer<Scalar>?

    private let storage = WorkspaceStorage<Scalar>()

    init(batch: Int, steps: Int, inputSize: Int, hidden: Int, layers: Int, training: Bool, dropout: Bool) {
        self.batch = batch
        self.steps = steps
        self.inputSize = inputSize
        self.hidden = hidden
        self.layers = layers
        self.training = training
        self.dropout = dropout && training && layers > 1
        let storage = self.storage
        func make(_ count: Int) -> UnsafeMutablePointer<Scalar> { storage.zeroed(count) }
        let tb = steps * batch, h = hidden
        input = make(tb * inputSize)
        gates = (0..<layers).map { _ in make(tb * 4 * h) }
        hs = (0..<layers).map { _ in make((steps + 1) * batch * h) }
        cs = (0..<layers).map { _ in make((steps + 1) * batch * h) }
        tanhC = (0..<layers).map { _ in training ? make(tb * h) : nil }
        let useDropout = self.dropout
        masks = (0..<layers).map { l in useDropout && l > 0 ? make(tb * h) : nil }
        dropped = (0..<layers).map { l in useDropout && l > 0 ? make(tb * h) : nil }
        bias = (0..<layers).map { _ in make(4 * h) }
        inputWeightsT = (0..<layers).map { l in
            let width = l == 0 ? inputSize : h
            return LSTM<Scalar>.usesSmallInputKernels(inputWidth: width, hidden: h) ? make(width * 4 * h) : nil
        }
        if training {
            dh = make(batch * h)
            dc = make(batch * h)
            dY = make(tb * h)
            let o = make(tb)
            o.update(repeating: 1, count: tb)
            ones = o
            transposeScratch = make(4 * h * max(inputSize, h))
            dInput = make(tb * inputSize)
        } else {
            dh = nil; dc = nil; dY = nil; ones = nil; transposeScratch = nil; dInput = nil
        }
    }

    func matches(batch: Int, steps: Int, training: Bool, dropout: Bool) -> Bool {
        self.batch == batch && self.steps == steps && self.training == training
            && self.dropout == (dropout && training && layers > 1)
    }

}
