/// Every buffer one grouped pass needs for a given (groups, rows, steps), allocated once and
/// reused so the time loop never allocates.
///
/// Layout is group-major, then time-major inside a group: group `g`'s rows of step `t` are
/// the block `[(g·T + t)·B, (g·T + t + 1)·B)`. Each group's `T·B` rows are then one dense
/// matrix (the hoisted input projection and the weight-gradient GEMMs are one strided-batched
/// GEMM over the groups), and each step's `B` rows of every group sit at a fixed stride (the
/// recurrent GEMM is one strided-batched GEMM too). The pointwise kernel runs once per group
/// and step because every group has its own bias.
///
/// `@unchecked Sendable`: owned by one model value (or used under the inference cache's
/// mutex); the worker threads of one pass touch disjoint groups.
final class GroupedLSTMWorkspace<Scalar: TensorScalar>: @unchecked Sendable {
    let groups: Int
    let batch: Int
    let steps: Int
    let inputSize: Int
    let hidden: Int
    let layers: Int
    let training: Bool

    /// Layer-0 input `[G, T, B, I]`.
    let input: UnsafeMutablePointer<Scalar>
    /// Per layer: pre-activations → activations → pre-activation gradients, `[G, T, B, 4H]`.
    let gates: [UnsafeMutablePointer<Scalar>]
    /// Per layer: hidden and cell states `[G, T+1, B, H]`; block 0 of each group is the zero state.
    let hs: [UnsafeMutablePointer<Scalar>]
    let cs: [UnsafeMutablePointer<Scalar>]
    /// Per layer: tanh(c_t) `[G, T, B, H]` (training only).
    let tanhC: [UnsafeMutablePointer<Scalar>?]
    /// Per layer: b_ih + b_hh of every group `[G, 4H]`.
    let bias: [UnsafeMutablePointer<Scalar>]
    /// Per layer with a narrow input (``LSTM/usesSmallInputKernels(inputWidth:hidden:)``): every
    /// group's W_ihᵀ `[G, I_l, 4H]`, repacked each forward pass for the small-k projection kernel.
    let inputWeightsT: [UnsafeMutablePointer<Scalar>?]
    /// Head output `[G, B]`.
    let output: UnsafeMutablePointer<Scalar>
    /// Backward scratch (training only): recurrent ∂h `[G, B, H]`, carried ∂c `[G, B, H]`,
    /// ∂h_T from the head `[G, B, H]`, the lower layer's output gradient `[G, T, B, H]`,
    /// ones `[T·B]` for the bias reductions, and a per-group transpose buffer `[G, 4H·max(I, H)]`.
    let dh: UnsafeMutablePointer<Scalar>?
    let dc: UnsafeMutablePointer<Scalar>?
    let dHead: UnsafeMutablePointer<Scalar>?
    let dY: UnsafeMutablePointer<Scalar>?
    let ones: UnsafeMutablePointer<Scalar>?
    let scratch: UnsafeMutablePointer<Scalar>?

    /// Elements between consecutive groups in `gates`, `hs`/`cs`, `tanhC`/`dY`, `scratch`.
    var gateStride: Int { steps * batch * 4 * hidden }
    var stateStride: Int { (steps + 1) * batch * hidden }
    var stepStride: Int { steps * batch * hidden }
    var scratchStride: Int { 4 * hidden * max(inputSize, hidden) }

    private let storage = WorkspaceStorage<Scalar>()

    init(groups: Int, batch: Int, steps: Int, inputSize: Int, hidden: Int, layers: Int, training: Bool) {
        self.groups = groups
        self.batch = batch
        self.steps = steps
        self.inputSize = inputSize
        self.hidden = hidden
        self.layers = layers
        self.training = training
        let storage = self.storage
        func make(_ count: Int, zeroed: Bool = false) -> UnsafeMutablePointer<Scalar> {
            zeroed ? storage.zeroed(count) : storage.uninitialized(count)
        }
        let (G, B, T, H) = (groups, batch, steps, hidden)
        input = make(G * T * B * inputSize)
        gates = (0..<layers).map { _ in make(G * T * B * 4 * H) }
        // Zeroed: block 0 of each group is the zero initial state, never written.
        hs = (0..<layers).map { _ in make(G * (T + 1) * B * H, zeroed: true) }
        cs = (0..<layers).map { _ in make(G * (T + 1) * B * H, zeroed: true) }
        tanhC = (0..<layers).map { _ in training ? make(G * T * B * H) : nil }
        bias = (0..<layers).map { _ in make(G * 4 * H) }
        inputWeightsT = (0..<layers).map { l in
            let width = l == 0 ? inputSize : H
            return LSTM<Scalar>.usesSmallInputKernels(inputWidth: width, hidden: H) ? make(G * width * 4 * H) : nil
        }
        output = make(G * B, zeroed: true) // groups left out of a pass read as 0, not garbage
        if training {
            dh = make(G * B * H)
            dc = make(G * B * H)
            dHead = make(G * B * H)
            dY = make(G * T * B * H)
            let o = make(T * B, zeroed: true)
            o.update(repeating: 1, count: T * B)
            ones = o
            scratch = make(G * 4 * H * max(inputSize, H))
        } else {
            dh = nil; dc = nil; dHead = nil; dY = nil; ones = nil; scratch = nil
        }
    }

    func matches(batch: Int, steps: Int, training: Bool) -> Bool {
        self.batch == batch && self.steps == steps && self.training == training
    }

}

extension GroupedLSTMWorkspace {
    /// Group `g`'s input from the sequences `indices` of `source` (`[n, T, I]` batch-first);
    /// the remaining rows of the group become zero padding.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func loadGroupRows(group g: Int, from source: UnsafePointer<Scalar>,
                       indices: ArraySlice<Int>) {
        let (B, T, I) = (batch, steps, inputSize)
        let base = input + g * T * B * I
        let rows = indices.count
        for t in 0..<T {
            let step = base + t * B * I
            for (b, index) in indices.enumerated() { (step + b * I).update(from: source + (index * T + t) * I, count: I) }
            if rows < B { (step + rows * I).update(repeating: 0, count: (B - rows) * I) }
        }
    }

    /// Group `g`'s first `rows` batch-first sequences `[rows, T, I]` from `source` into the
    /// workspace; the remaining rows of the group become zero padding.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func loadGroupRows(group g: Int, from source: UnsafePointer<Scalar>?, rows: Int) {
        let (B, T, I) = (batch, steps, inputSize)
        let base = input + g * T * B * I
        for t in 0..<T {
            let step = base + t * B * I
            if rows > 0, let source {
                for b in 0..<rows { (step + b * I).update(from: source + (b * T + t) * I, count: I) }
            }
            if rows < B { (step + rows * I).update(repeating: 0, count: (B - rows) * I) }
        }
    }
}
