extension GroupedLSTMRegressor {
    /// Head backward and BPTT over the activations in `ws` for ∂loss/∂output `[G·B]`
    /// (consumes them: gate activations become gate gradients). Returns stacked gradients;
    /// only the `selected` groups (all when nil) are computed, the others' slices are zero.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runBackward(_ ws: GroupedLSTMWorkspace<Scalar>, outputGradient dOut: UnsafePointer<Scalar>,
                     selected: [Int]? = nil) -> [Tensor<Scalar>] {
        let (G, B, T, I, H, L) = (groups, ws.batch, ws.steps, inputSize, hiddenSize, layers)
        let TB = T * B
        let (gateStride, stateStride, stepStride, scratchStride) =
            (ws.gateStride, ws.stateStride, ws.stepStride, ws.scratchStride)
        let params = storedParameters.map { UnsafePointer($0.lstmBase) }
        let grads = groupParameterShapes.map {
            selected == nil ? Tensor<Scalar>.lstmUninitialized([G] + $0) : Tensor<Scalar>.zeros([G] + $0)
        }
        let gradPointers = grads.map(\.lstmBase)
        let dh = ws.dh!, dc = ws.dc!, dHead = ws.dHead!, dY = ws.dY!, ones = ws.ones!, scratch = ws.scratch!
        withGroupBlocks(ws, selected: selected) { range in
            // Head (Linear H → 1): ∂w_g = dy_gᵀ·h_T,g, ∂b_g = Σ dy_g, ∂h_T,g = dy_g·w_g.
            let top = UnsafePointer(ws.hs[L - 1] + T * B * H)
            Self.groupGEMM(range, .transpose, .none, m: 1, n: H, k: B, a: dOut, lda: 1, strideA: B,
                           b: top, ldb: H, strideB: stateStride, beta: 0, c: gradPointers[4 * L], ldc: H, strideC: H)
            for g in range {
                var sum: Scalar = 0
                for b in 0..<B { sum += dOut[g * B + b] }
                gradPointers[4 * L + 1][g] = sum
            }
            Self.groupGEMM(range, .none, .none, m: B, n: H, k: 1, a: dOut, lda: 1, strideA: B,
                           b: params[4 * L], ldb: H, strideB: H, beta: 0, c: dHead, ldc: H, strideC: B * H)

            for l in stride(from: L - 1, through: 0, by: -1) {
                let il = l == 0 ? I : H
                let wih = params[4 * l], whh = params[4 * l + 1]
                let gates = ws.gates[l], hs = UnsafePointer(ws.hs[l]), cs = UnsafePointer(ws.cs[l])
                let tanhC = UnsafePointer(ws.tanhC[l]!)
                let g0 = range.lowerBound
                (dc + g0 * B * H).update(repeating: 0, count: range.count * B * H)
                // Sweep: ∂h_t from the step above (recurrent) and from the layer above (dY) or the head.
                for t in stride(from: T - 1, through: 0, by: -1) {
                    if t < T - 1 {
                        // ∂h_t (recurrent part) = dG_{t+1}·W_hh
                        Self.groupGEMM(range, .none, .none, m: B, n: H, k: 4 * H,
                                       a: gates + (t + 1) * B * 4 * H, lda: 4 * H, strideA: gateStride,
                                       b: whh, ldb: H, strideB: 4 * H * H,
                                       beta: 0, c: dh, ldc: H, strideC: B * H)
                    }
                    for g in range {
                        let dhRec: UnsafePointer<Scalar>? = t < T - 1 ? UnsafePointer(dh + g * B * H)
                            : (l == L - 1 ? UnsafePointer(dHead + g * B * H) : nil)
                        let dyAbove: UnsafePointer<Scalar>? = l == L - 1 ? nil : UnsafePointer(dY + g * stepStride + t * B * H)
                        Scalar.kernelLSTMBackward(
                            rows: B, hidden: H, gates: gates + g * gateStride + t * B * 4 * H,
                            cPrev: cs + g * stateStride + t * B * H, tanhC: tanhC + g * stepStride + t * B * H,
                            dhA: dhRec, lda: H, dhB: dyAbove, ldb: H, dc: dc + g * B * H)
                    }
                }
                // Merged over all T·B rows of each group (as LSTM: dWᵀ = Xᵀ·dG, then transposed).
                let dG = UnsafePointer(gates)
                let (x, xStride) = l == 0 ? (UnsafePointer(ws.input), TB * I)
                                          : (UnsafePointer(ws.hs[l - 1] + B * H), stateStride)
                Self.groupGEMM(range, .transpose, .none, m: H, n: 4 * H, k: TB, a: hs, lda: H, strideA: stateStride,
                               b: dG, ldb: 4 * H, strideB: gateStride, beta: 0, c: scratch, ldc: 4 * H, strideC: scratchStride)
                for g in range {
                    LSTM<Scalar>.transpose(scratch + g * scratchStride, rows: H, cols: 4 * H,
                                           into: gradPointers[4 * l + 1] + g * 4 * H * H)
                }
                if l > 0 {
                    // ∂(layer input) = dG·W_ih → the lower layer's dY (its own sweep is done reading it).
                    Self.groupGEMM(range, .none, .none, m: TB, n: il, k: 4 * H, a: dG, lda: 4 * H, strideA: gateStride,
                                   b: wih, ldb: il, strideB: 4 * H * il, beta: 0, c: dY, ldc: il, strideC: stepStride)
                }
                if LSTM<Scalar>.usesSmallInputGradientKernel(inputWidth: il, hidden: H) {
                    for g in range {
                        Scalar.kernelGemmTNSmallM(m: TB, columns: 0..<(4 * H), k: il, x: x + g * xStride, ldx: il,
                                                  g: dG + g * gateStride, ldg: 4 * H, s: scratch + g * scratchStride, lds: 4 * H)
                    }
                } else {
                    Self.groupGEMM(range, .transpose, .none, m: il, n: 4 * H, k: TB, a: x, lda: il, strideA: xStride,
                                   b: dG, ldb: 4 * H, strideB: gateStride, beta: 0, c: scratch, ldc: 4 * H, strideC: scratchStride)
                }
                for g in range {
                    LSTM<Scalar>.transpose(scratch + g * scratchStride, rows: il, cols: 4 * H,
                                           into: gradPointers[4 * l] + g * 4 * H * il)
                    // db = column sums of dG (equal for b_ih and b_hh).
                    let db = gradPointers[4 * l + 2] + g * 4 * H
                    Scalar.blasGemv(.transpose, m: TB, n: 4 * H, alpha: 1, a: dG + g * gateStride, lda: 4 * H,
                                    x: ones, incx: 1, beta: 0, y: db, incy: 1)
                    (gradPointers[4 * l + 3] + g * 4 * H).update(from: db, count: 4 * H)
                }
            }
        }
        return grads
    }
}
