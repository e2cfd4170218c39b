extension GroupedLSTMRegressor {
    /// Bytes of workspace a block of groups may touch in one pass: the groups of a part are run
    /// through the whole pass in blocks that fit a core's L2 cache (512 KiB on Zen 3) with room to
    /// spare. Measured (G 100, B 32, T 20, I 10, H 16, Float, 1 thread, load ≈ 5): sweeping every
    /// step over all 100 groups at once (a 30 MB working set) took 29–35 ms per training step,
    /// blocks of one group 26–31 ms (noisy; the gain is modest because T·B rows already amortise).
    static var blockBytes: Int { 256 * 1024 }

    /// Groups per block for this workspace shape (at least one).
    func blockGroups(_ ws: GroupedLSTMWorkspace<Scalar>) -> Int {
        // Per group row-step: gates 4H, h, c, tanh c per layer; the input; dY.
        let perRow = 7 * hiddenSize * layers + inputSize + hiddenSize
        let perGroup = ws.steps * ws.batch * perRow * MemoryLayout<Scalar>.stride
        return max(1, Self.blockBytes / max(perGroup, 1))
    }

    /// Runs `body(groupBlock)` over blocks of the `selected` groups (all when nil; ascending
    /// indices): the selection is split evenly into one part per ``BLAS/threads`` thread, each
    /// part runs its blocks — runs of consecutive group indices, at most ``blockGroups(_:)``
    /// long — one after another (OpenBLAS held at one thread for the whole pass when there are
    /// several parts, FTZ/DAZ for `Float` on every worker).
    func withGroupBlocks(_ ws: GroupedLSTMWorkspace<Scalar>, selected: [Int]?, _ body: (Range<Int>) -> Void) {
        let list = selected ?? Array(0..<groups)
        guard !list.isEmpty else { return }
        let parts = LSTMPlanner.groupedParts(groups: list.count, threads: BLAS.threads)
        let block = blockGroups(ws)
        // Single-threaded OpenBLAS for the whole pass when our own threads call it (see LSTM).
        BLAS.withThreads(parts > 1 ? 1 : BLAS.threads) {
            LSTMParallel.run(parts: parts, flush: Scalar.prefersFlushToZero) { part in
                let mine = list[LSTMParallel.range(part, of: parts, count: list.count)]
                var start = mine.startIndex
                while start < mine.endIndex {
                    var end = start + 1
                    while end < mine.endIndex && end - start < block && mine[end] == mine[end - 1] + 1 { end += 1 }
                    body(mine[start]..<(mine[end - 1] + 1))
                    start = end
                }
            }
        }
    }

    /// One strided-batched GEMM over the groups `range`: item `g` uses `a + g·strideA`, etc.
    /// Always `.sequential`: the caller's thread owns these groups.
    @inline(__always)
    static func groupGEMM(
        _ range: Range<Int>, _ ta: Transpose, _ tb: Transpose, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, strideA: Int, b: UnsafePointer<Scalar>, ldb: Int, strideB: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int, strideC: Int
    ) {
        let g0 = range.lowerBound
        BLAS.gemmStridedBatched(
            transA: ta, transB: tb, m: m, n: n, k: k, alpha: 1,
            a: a + g0 * strideA, lda: lda, strideA: strideA, b: b + g0 * strideB, ldb: ldb, strideB: strideB,
            beta: beta, c: c + g0 * strideC, ldc: ldc, strideC: strideC,
            batchCount: range.count, strategy: .sequential)
    }

    /// The forward pass of the `selected` groups (all when nil; the others' outputs are stale);
    /// head output in `ws.output`. `load(g)` fills group
    /// `g`'s rows of `ws.input`; it runs on the worker that owns the group, just before the group's
    /// block is computed (parallel, and the input is still in cache when it is used).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runForward(_ ws: GroupedLSTMWorkspace<Scalar>, selected: [Int]? = nil, load: (Int) -> Void) {
        let (B, T, I, H, L) = (ws.batch, ws.steps, inputSize, hiddenSize, layers)
        let TB = T * B
        let (gateStride, stateStride, stepStride) = (ws.gateStride, ws.stateStride, ws.stepStride)
        let params = storedParameters.map { UnsafePointer($0.lstmBase) }
        let headWeight = params[4 * L], headBias = params[4 * L + 1]
        withGroupBlocks(ws, selected: selected) { range in
            for g in range { load(g) }
            for l in 0..<L {
                let il = l == 0 ? I : H
                let wih = params[4 * l], whh = params[4 * l + 1]
                let bias = ws.bias[l]
                for g in range {
                    Scalar.kernelAdd(count: 4 * H, params[4 * l + 2] + g * 4 * H, params[4 * l + 3] + g * 4 * H,
                                     bias + g * 4 * H)
                }
                let (x, xStride) = l == 0 ? (UnsafePointer(ws.input), TB * I)
                                          : (UnsafePointer(ws.hs[l - 1] + B * H), stateStride)
                let gates = ws.gates[l], hs = ws.hs[l], cs = ws.cs[l], tanhC = ws.tanhC[l]
                // Hoisted input projection of every step: Gx_g[T·B, 4H] = X_g·W_ih,gᵀ. A narrow input
                // takes the single LSTM's small-k kernel, which also adds the bias (see LSTM).
                let packed = ws.inputWeightsT[l]
                if let packed {
                    for g in range {
                        let wt = packed + g * il * 4 * H
                        LSTM<Scalar>.transpose(wih + g * 4 * H * il, rows: 4 * H, cols: il, into: wt)
                        Scalar.kernelGemmSmallK(m: TB, n: 4 * H, k: il, a: x + g * xStride, lda: il, wt: wt, ldw: 4 * H,
                                                bias: bias + g * 4 * H, c: gates + g * gateStride, ldc: 4 * H)
                    }
                } else {
                    Self.groupGEMM(range, .none, .transpose, m: TB, n: 4 * H, k: il,
                                   a: x, lda: il, strideA: xStride, b: wih, ldb: il, strideB: 4 * H * il,
                                   beta: 0, c: gates, ldc: 4 * H, strideC: gateStride)
                }
                let pointwiseBias: UnsafePointer<Scalar>? = packed == nil ? UnsafePointer(bias) : nil
                for t in 0..<T {
                    if t > 0 { // h₀ = 0 adds nothing at step 0
                        Self.groupGEMM(range, .none, .transpose, m: B, n: 4 * H, k: H,
                                       a: hs + t * B * H, lda: H, strideA: stateStride,
                                       b: whh, ldb: H, strideB: 4 * H * H,
                                       beta: 1, c: gates + t * B * 4 * H, ldc: 4 * H, strideC: gateStride)
                    }
                    for g in range {
                        Scalar.kernelLSTMForward(
                            rows: B, hidden: H, gates: gates + g * gateStride + t * B * 4 * H,
                            bias: pointwiseBias.map { $0 + g * 4 * H }, cPrev: cs + g * stateStride + t * B * H,
                            c: cs + g * stateStride + (t + 1) * B * H, h: hs + g * stateStride + (t + 1) * B * H,
                            tanhC: tanhC.map { $0 + g * stepStride + t * B * H })
                    }
                }
            }
            // Head: y_g = h_T,g·w_gᵀ + b_g, the bias seeded first as in Linear.
            for g in range { (ws.output + g * B).update(repeating: headBias[g], count: B) }
            Self.groupGEMM(range, .none, .transpose, m: B, n: 1, k: H,
                           a: ws.hs[L - 1] + T * B * H, lda: H, strideA: stateStride,
                           b: headWeight, ldb: H, strideB: H,
                           beta: 1, c: ws.output, ldc: 1, strideC: B)
        }
    }
}
