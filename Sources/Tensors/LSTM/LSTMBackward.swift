extension LSTM {
    /// Whether dW is computed as (Xᵀ·dG)ᵀ (then transposed) instead of dGᵀ·X. On OpenBLAS 0.3.21
    /// the former ran 1.5× faster for `Double` on Skylake-X (NOTES §3.4) and 1.0–1.3× faster for
    /// both types on this Zen 3 host (H = 32…256, K = T·B); the [4H, I+H] transpose is negligible.
    static var transposedWeightGradient: Bool { true }

    /// BPTT over the activations in `ws` (consumes them: gate activations become gate gradients).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runBackward(
        _ ws: LSTMWorkspace<Scalar>, hasInitialState: Bool, outputGradient: Tensor<Scalar>?,
        finalStateGradient: LSTMState<Scalar>?, inputGradient: Bool
    ) -> LSTMGradients<Scalar> {
        let plan = plan(batch: ws.batch, steps: ws.steps)
        return Self.holdingBLASSingleThreaded(plan.splitsTimeLoop) {
            runBackwardPass(ws, outputGradient: outputGradient, finalStateGradient: finalStateGradient,
                            inputGradient: inputGradient, plan: plan)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runBackwardPass(
        _ ws: LSTMWorkspace<Scalar>, outputGradient: Tensor<Scalar>?,
        finalStateGradient: LSTMState<Scalar>?, inputGradient: Bool, plan: LSTMPlan
    ) -> LSTMGradients<Scalar> {
        let (B, T, I, H, L) = (ws.batch, ws.steps, inputSize, hiddenSize, layers)
        let parts = plan.parts
        // Beyond two parts the serial tail of each layer (bias GEMV, transposes) would cap the
        // speed-up, so it is cut into parts too; at one or two parts it stays as measured on the
        // 2-core host (and bit-identical to earlier releases).
        let splitTail = parts > 2 && plan.strategy == .batchSplit
        let TB = T * B
        let dOut = outputGradient?.contiguous()
        let dhn = finalStateGradient?.h.contiguous(), dcn = finalStateGradient?.c.contiguous()
        let dh0 = Tensor<Scalar>.lstmUninitialized([L, B, H]), dc0 = Tensor<Scalar>.lstmUninitialized([L, B, H])
        var grads = [Tensor<Scalar>](repeating: Tensor<Scalar>.zeros([0]), count: 4 * L)
        let dInput = inputGradient ? Tensor<Scalar>.lstmUninitialized([B, T, I]) : Tensor<Scalar>.zeros([0])
        let dh = ws.dh!, dc = ws.dc!, dY = ws.dY!, ones = ws.ones!, scratch = ws.transposeScratch!

        for l in stride(from: L - 1, through: 0, by: -1) {
            let il = l == 0 ? I : H
            let wih = UnsafePointer(storedParameters[4 * l].lstmBase)
            let whh = UnsafePointer(storedParameters[4 * l + 1].lstmBase)
            let gates = ws.gates[l], hs = UnsafePointer(ws.hs[l]), cs = UnsafePointer(ws.cs[l])
            let tanhC = UnsafePointer(ws.tanhC[l]!)
            // ∂L/∂h_t from above: the caller's output gradient (batch-first) for the top layer,
            // the next layer's input gradient (time-major, in dY) below it.
            let dyBase: UnsafePointer<Scalar>?
            let dyRowStride: Int, dyStepStride: Int
            if l == L - 1 {
                dyBase = dOut.map { UnsafePointer($0.lstmBase) }
                (dyRowStride, dyStepStride) = (T * H, H)
            } else {
                dyBase = UnsafePointer(dY)
                (dyRowStride, dyStepStride) = (H, B * H)
            }
            if let dcn { dc.update(from: dcn.lstmBase + l * B * H, count: B * H) } else { dc.update(repeating: 0, count: B * H) }
            let dhnLayer = dhn.map { UnsafePointer($0.lstmBase + l * B * H) }
            let dh0Layer = dh0.lstmBase + l * B * H, dc0Layer = dc0.lstmBase + l * B * H

            // Sequential sweep: each part owns a block of batch rows for all steps.
            Self.withParts(parts) { part in
                let rows = LSTMParallel.range(part, of: parts, count: B)
                let (b0, m) = (rows.lowerBound, rows.count)
                guard m > 0 else { return }
                for t in stride(from: T - 1, through: 0, by: -1) {
                    let dhRec: UnsafePointer<Scalar>?
                    if t == T - 1 {
                        dhRec = dhnLayer.map { $0 + b0 * H }
                    } else {
                        // ∂h_t (recurrent part) = dG_{t+1}·W_hh
                        Scalar.blasGemm(.none, .none, m: m, n: H, k: 4 * H, alpha: 1,
                                        a: gates + ((t + 1) * B + b0) * 4 * H, lda: 4 * H, b: whh, ldb: H,
                                        beta: 0, c: dh + b0 * H, ldc: H)
                        dhRec = UnsafePointer(dh + b0 * H)
                    }
                    let dy = dyBase.map { $0 + b0 * dyRowStride + t * dyStepStride }
                    Scalar.kernelLSTMBackward(
                        rows: m, hidden: H, gates: gates + (t * B + b0) * 4 * H, cPrev: cs + (t * B + b0) * H,
                        tanhC: tanhC + (t * B + b0) * H, dhA: dhRec, lda: H, dhB: dy, ldb: dyRowStride,
                        dc: dc + b0 * H)
                }
                // ∂h₀ = dG₀·W_hh, ∂c₀ = the carried ∂c.
                Scalar.blasGemm(.none, .none, m: m, n: H, k: 4 * H, alpha: 1, a: gates + b0 * 4 * H, lda: 4 * H,
                                b: whh, ldb: H, beta: 0, c: dh0Layer + b0 * H, ldc: H)
                (dc0Layer + b0 * H).update(from: dc + b0 * H, count: m * H)
            }

            // Merged GEMMs over all T·B rows.
            let x: UnsafePointer<Scalar>
            if l == 0 { x = UnsafePointer(ws.input) }
            else if let dropped = ws.dropped[l] { x = UnsafePointer(dropped) }
            else { x = UnsafePointer(ws.hs[l - 1] + B * H) }
            let dWih = Tensor<Scalar>.lstmUninitialized([4 * H, il])
            let dWhh = Tensor<Scalar>.lstmUninitialized([4 * H, H])
            let dBias = Tensor<Scalar>.lstmUninitialized([4 * H])
            let dG = UnsafePointer(gates)
            let needDX = l > 0 || inputGradient
            let dX: UnsafeMutablePointer<Scalar> = l > 0 ? dY : ws.dInput!
            let transposed = Self.transposedWeightGradient
            Self.withMergedParts(plan) { part, parts in
                if transposed {
                    // dWᵀ[k, 4H] = Xᵀ·dG, split over the 4H columns; transposed below.
                    Self.gemmPart(part, of: parts, byRows: false, .transpose, .none, m: H, n: 4 * H, k: TB,
                                  a: hs, lda: H, b: dG, ldb: 4 * H, beta: 0, c: scratch, ldc: 4 * H)
                } else {
                    Self.gemmPart(part, of: parts, byRows: true, .transpose, .none, m: 4 * H, n: H, k: TB,
                                  a: dG, lda: 4 * H, b: hs, ldb: H, beta: 0, c: dWhh.lstmBase, ldc: H)
                    Self.gemmPart(part, of: parts, byRows: true, .transpose, .none, m: 4 * H, n: il, k: TB,
                                  a: dG, lda: 4 * H, b: x, ldb: il, beta: 0, c: dWih.lstmBase, ldc: il)
                }
                if needDX {
                    Self.gemmPart(part, of: parts, byRows: true, .none, .none, m: TB, n: il, k: 4 * H,
                                  a: dG, lda: 4 * H, b: wih, ldb: il, beta: 0, c: dX, ldc: il)
                }
            }
            if transposed {
                Self.transposeParts(scratch, rows: H, cols: 4 * H, into: dWhh.lstmBase, parts: splitTail ? parts : 1)
                let smallInput = Self.usesSmallInputGradientKernel(inputWidth: il, hidden: H)
                if smallInput {
                    Self.withParts(parts) { part in
                        Scalar.kernelGemmTNSmallM(m: TB, columns: LSTMParallel.range(part, of: parts, count: 4 * H), k: il,
                                                  x: x, ldx: il, g: dG, ldg: 4 * H, s: scratch, lds: 4 * H)
                    }
                } else {
                    Self.withMergedParts(plan) { part, parts in
                        Self.gemmPart(part, of: parts, byRows: false, .transpose, .none, m: il, n: 4 * H, k: TB,
                                      a: x, lda: il, b: dG, ldb: 4 * H, beta: 0, c: scratch, ldc: 4 * H)
                    }
                }
                Self.transposeParts(scratch, rows: il, cols: 4 * H, into: dWih.lstmBase, parts: splitTail ? parts : 1)
            }
            // db = column sums of dG (equal for b_ih and b_hh); by column blocks when split.
            let db = dBias.lstmBase
            if splitTail {
                Self.withParts(parts) { part in
                    let r = LSTMParallel.range(part, of: parts, count: 4 * H)
                    guard !r.isEmpty else { return }
                    Scalar.blasGemv(.transpose, m: TB, n: r.count, alpha: 1, a: dG + r.lowerBound, lda: 4 * H,
                                    x: ones, incx: 1, beta: 0, y: db + r.lowerBound, incy: 1)
                }
            } else {
                Scalar.blasGemv(.transpose, m: TB, n: 4 * H, alpha: 1, a: dG, lda: 4 * H, x: ones, incx: 1,
                                beta: 0, y: db, incy: 1)
            }
            if l > 0, let mask = ws.masks[l] {
                Scalar.kernelMultiply(count: TB * H, dY, mask, dY)
            }
            grads[4 * l] = dWih
            grads[4 * l + 1] = dWhh
            grads[4 * l + 2] = dBias
            grads[4 * l + 3] = dBias
        }

        if inputGradient {
            let src = ws.dInput!, dst = dInput.lstmBase
            for b in 0..<B {
                for t in 0..<T {
                    (dst + (b * T + t) * I).update(from: src + (t * B + b) * I, count: I)
                }
            }
        }
        return LSTMGradients(parameters: grads, input: dInput, initialState: LSTMState(h: dh0, c: dc0))
    }

    /// ``transpose(_:rows:cols:into:)`` cut by source column blocks into `parts` pool tasks (an
    /// exact copy, so any split gives the same result).
    static func transposeParts(_ src: UnsafePointer<Scalar>, rows: Int, cols: Int,
                               into dst: UnsafeMutablePointer<Scalar>, parts: Int) {
        guard parts > 1 else { return transpose(src, rows: rows, cols: cols, into: dst) }
        withParts(parts) { part in
            let r = LSTMParallel.range(part, of: parts, count: cols)
            for c in r {
                for row in 0..<rows { dst[c * rows + row] = src[row * cols + c] }
            }
        }
    }

    /// `dst[c, r] = src[r, c]` for a dense `rows × cols` source.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func transpose(_ src: UnsafePointer<Scalar>, rows: Int, cols: Int, into dst: UnsafeMutablePointer<Scalar>) {
        // Blocked so both sides stay in cache for large matrices.
        let block = 32
        for r0 in stride(from: 0, to: rows, by: block) {
            for c0 in stride(from: 0, to: cols, by: block) {
                for r in r0..<min(r0 + block, rows) {
                    for c in c0..<min(c0 + block, cols) {
                        dst[c * rows + r] = src[r * cols + c]
                    }
                }
            }
        }
    }
}
