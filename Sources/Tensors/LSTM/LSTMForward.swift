extension LSTM {
    /// Whether a layer with `inputWidth` inputs computes its input projection X·W_ihᵀ (+ bias)
    /// with FactorLab's small-k kernel instead of BLAS. OpenBLAS wastes most of its micro-tiles
    /// and packing on an inner dimension of ten-odd factors; the kernel measured 1.5–2.5× faster
    /// (Float) and 1.0–2.0× (Double) for I ≤ 16 at H = 32…256 on Zen 3 (Docs/Performance.md).
    /// Rows are computed independently in a fixed order, so results do not depend on the split.
    static func usesSmallInputKernels(inputWidth: Int, hidden: Int) -> Bool {
        inputWidth <= 16
    }

    /// Whether the input-weight gradient Xᵀ·dG also takes the small kernel: only up to H = 64,
    /// where it measured 1.3–2.4× faster; at 4H ≥ 512 columns OpenBLAS's blocking wins (0.5–0.7×).
    static func usesSmallInputGradientKernel(inputWidth: Int, hidden: Int) -> Bool {
        inputWidth <= 16 && hidden <= 64
    }

    /// The threading plan of a pass over `batch` rows and `steps` steps at the current
    /// ``BLAS/threads`` (``LSTMPlanner``).
    public func plan(batch: Int, steps: Int) -> LSTMPlan {
        LSTMPlanner.plan(batch: batch, steps: steps, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
                         scalarSize: MemoryLayout<Scalar>.stride, threads: BLAS.threads)
    }

    /// Runs `body` split into `parts` (FTZ/DAZ for `Float` on every thread that computes).
    static func withParts(_ parts: Int, _ body: (Int) -> Void) {
        LSTMParallel.run(parts: parts, flush: Scalar.prefersFlushToZero, body)
    }

    /// Runs a whole pass with OpenBLAS held at one thread when our own threads call it
    /// (`split`), restoring ``BLAS/threads`` afterwards. Held for the entire pass, not per
    /// region: a single threaded BLAS call in between (e.g. the bias GEMV) wakes OpenBLAS's
    /// workers, which then spin for milliseconds and steal the cores from the next region.
    static func holdingBLASSingleThreaded<R>(_ split: Bool, _ body: () -> R) -> R {
        BLAS.warnAboutKernelsOnce()
        guard split else { return body() }
        return BLAS.withThreads(1, body)
    }

    /// Runs a merged (time-parallel) GEMM region as `body(part, parts)`: cut into the plan's
    /// parts on pool threads, or for `hybrid` as one part with OpenBLAS at the plan's threads.
    static func withMergedParts(_ plan: LSTMPlan, _ body: (_ part: Int, _ parts: Int) -> Void) {
        if plan.strategy == .hybrid && plan.threads > 1 {
            BLAS.withThreads(plan.threads) {
                LSTMParallel.flushing(Scalar.prefersFlushToZero) { body(0, 1) }
            }
        } else {
            withParts(plan.parts) { body($0, plan.parts) }
        }
    }

    /// `C[m×n] = α·op(A)·op(B) + β·C` split into `parts` blocks of C's rows (`byRows`) or columns.
    @inline(__always)
    static func gemmPart(
        _ part: Int, of parts: Int, byRows: Bool,
        _ ta: Transpose, _ tb: Transpose, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) {
        if byRows {
            let r = LSTMParallel.range(part, of: parts, count: m)
            guard !r.isEmpty else { return }
            let aOff = ta == .none ? r.lowerBound * lda : r.lowerBound
            Scalar.blasGemm(ta, tb, m: r.count, n: n, k: k, alpha: 1, a: a + aOff, lda: lda, b: b, ldb: ldb,
                            beta: beta, c: c + r.lowerBound * ldc, ldc: ldc)
        } else {
            let r = LSTMParallel.range(part, of: parts, count: n)
            guard !r.isEmpty else { return }
            let bOff = tb == .none ? r.lowerBound : r.lowerBound * ldb
            Scalar.blasGemm(ta, tb, m: m, n: r.count, k: k, alpha: 1, a: a, lda: lda, b: b + bOff, ldb: ldb,
                            beta: beta, c: c + r.lowerBound, ldc: ldc)
        }
    }

    /// The whole forward pass into `ws`; returns batch-first outputs and the final state.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runForward(
        _ ws: LSTMWorkspace<Scalar>, input: Tensor<Scalar>, initialState: LSTMState<Scalar>?,
        generator: UnsafeMutablePointer<SplitMix64>?
    ) -> LSTMOutput<Scalar> {
        let plan = plan(batch: ws.batch, steps: ws.steps)
        return Self.holdingBLASSingleThreaded(plan.splitsTimeLoop) {
            runForwardPass(ws, input: input, initialState: initialState, generator: generator, plan: plan)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runForwardPass(
        _ ws: LSTMWorkspace<Scalar>, input: Tensor<Scalar>, initialState: LSTMState<Scalar>?,
        generator: UnsafeMutablePointer<SplitMix64>?, plan: LSTMPlan
    ) -> LSTMOutput<Scalar> {
        let (B, T, I, H, L) = (ws.batch, ws.steps, inputSize, hiddenSize, layers)
        let parts = plan.parts
        let TB = T * B
        // Layer-0 input to time-major rows (t, b).
        input.withUnsafeBufferPointer { x in
            let src = x.baseAddress!
            for b in 0..<B {
                for t in 0..<T {
                    (ws.input + (t * B + b) * I).update(from: src + (b * T + t) * I, count: I)
                }
            }
        }
        // Initial states into block 0; combined biases.
        let h0 = initialState?.h.contiguous(), c0 = initialState?.c.contiguous()
        for l in 0..<L {
            if let h0, let c0 {
                ws.hs[l].update(from: h0.lstmBase + l * B * H, count: B * H)
                ws.cs[l].update(from: c0.lstmBase + l * B * H, count: B * H)
            } else {
                ws.hs[l].update(repeating: 0, count: B * H)
                ws.cs[l].update(repeating: 0, count: B * H)
            }
            let bih = storedParameters[4 * l + 2].lstmBase, bhh = storedParameters[4 * l + 3].lstmBase
            Scalar.kernelAdd(count: 4 * H, bih, bhh, ws.bias[l])
        }
        let hasInitial = initialState != nil

        for l in 0..<L {
            let il = l == 0 ? I : H
            let wih = UnsafePointer(storedParameters[4 * l].lstmBase)
            let whh = UnsafePointer(storedParameters[4 * l + 1].lstmBase)
            let x: UnsafePointer<Scalar>
            if l == 0 {
                x = UnsafePointer(ws.input)
            } else if let dropped = ws.dropped[l], let mask = ws.masks[l], let gen = generator {
                Self.fillMask(mask, count: TB * H, drop: dropout, generator: gen)
                Scalar.kernelMultiply(count: TB * H, ws.hs[l - 1] + B * H, mask, dropped)
                x = UnsafePointer(dropped)
            } else {
                x = UnsafePointer(ws.hs[l - 1] + B * H)
            }
            let gates = ws.gates[l], hs = ws.hs[l], cs = ws.cs[l], tanhC = ws.tanhC[l]
            let bias = UnsafePointer(ws.bias[l])
            // The small-k projection adds the bias itself; the pointwise pass then skips it.
            let biasInKernel: UnsafePointer<Scalar>? = ws.inputWeightsT[l] == nil ? bias : nil
            let skipFirst = !hasInitial // h₀ = 0 contributes nothing to step 0
            let packedInputWeights = ws.inputWeightsT[l].map { wt in
                Self.transpose(wih, rows: 4 * H, cols: il, into: wt)
                return UnsafePointer(wt)
            }
            // Hoisted input projection for all steps: Gx[T·B, 4H] = X·W_ihᵀ.
            if let wt = packedInputWeights {
                // FactorLab's own kernel: always cut into the plan's parts.
                Self.withParts(parts) { part in
                    let r = LSTMParallel.range(part, of: parts, count: TB)
                    guard !r.isEmpty else { return }
                    Scalar.kernelGemmSmallK(m: r.count, n: 4 * H, k: il, a: x + r.lowerBound * il, lda: il,
                                            wt: wt, ldw: 4 * H, bias: bias, c: gates + r.lowerBound * 4 * H, ldc: 4 * H)
                }
            } else {
                Self.withMergedParts(plan) { part, parts in
                    Self.gemmPart(part, of: parts, byRows: true, .none, .transpose, m: TB, n: 4 * H, k: il,
                                  a: x, lda: il, b: wih, ldb: il, beta: 0, c: gates, ldc: 4 * H)
                }
            }
            Self.withParts(parts) { part in
                let rows = LSTMParallel.range(part, of: parts, count: B)
                let (b0, m) = (rows.lowerBound, rows.count)
                guard m > 0 else { return }
                for t in 0..<T {
                    let g = gates + (t * B + b0) * 4 * H
                    if t > 0 || !skipFirst {
                        Scalar.blasGemm(.none, .transpose, m: m, n: 4 * H, k: H, alpha: 1,
                                        a: hs + (t * B + b0) * H, lda: H, b: whh, ldb: H,
                                        beta: 1, c: g, ldc: 4 * H)
                    }
                    Scalar.kernelLSTMForward(
                        rows: m, hidden: H, gates: g, bias: biasInKernel, cPrev: cs + (t * B + b0) * H,
                        c: cs + ((t + 1) * B + b0) * H, h: hs + ((t + 1) * B + b0) * H,
                        tanhC: tanhC.map { $0 + (t * B + b0) * H })
                }
            }
        }

        // Outputs: top-layer h to batch-first; final states.
        let output = Tensor<Scalar>.lstmUninitialized([B, T, H])
        let top = ws.hs[L - 1]
        let o = output.lstmBase
        for b in 0..<B {
            for t in 0..<T {
                (o + (b * T + t) * H).update(from: top + ((t + 1) * B + b) * H, count: H)
            }
        }
        let hn = Tensor<Scalar>.lstmUninitialized([L, B, H]), cn = Tensor<Scalar>.lstmUninitialized([L, B, H])
        for l in 0..<L {
            (hn.lstmBase + l * B * H).update(from: ws.hs[l] + T * B * H, count: B * H)
            (cn.lstmBase + l * B * H).update(from: ws.cs[l] + T * B * H, count: B * H)
        }
        return LSTMOutput(output: output, state: LSTMState(h: hn, c: cn))
    }

    /// Inverted-dropout mask: 0 with probability `drop`, else 1/(1−drop).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func fillMask(_ mask: UnsafeMutablePointer<Scalar>, count: Int, drop: Double,
                         generator: UnsafeMutablePointer<SplitMix64>) {
        let keep = Scalar(1 / (1 - drop))
        // Compare 53-bit uniforms against the threshold so the mask does not depend on Scalar.
        let threshold = UInt64(drop * 0x1p53)
        for i in 0..<count {
            mask[i] = (generator.pointee.next() >> 11) < threshold ? 0 : keep
        }
    }
}
