import Testing
@testable import Tensors

/// LSTM passes with B ≥ 2 and BLAS.threads ≥ 2 hold OpenBLAS at one thread while they run,
/// and these tests pin BLAS.threads: they belong to the serialised process-global suite.
extension ProcessGlobalStateTests {
    @Suite("LSTM behaviour")
    struct LSTMBehaviourTests {
        @Test("parameter names, shapes and PyTorch init bounds")
        func parametersAndInit() {
            let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 5, layers: 2, seed: 7)
            #expect(lstm.parameterNames == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                            "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"])
            #expect(lstm.parameters.map(\.shape) == [[20, 3], [20, 5], [20], [20], [20, 5], [20, 5], [20], [20]])
            let bound = 1 / Float(5).squareRoot()
            let all = lstm.parameters.flatMap(\.scalars)
            #expect(all.allSatisfy { abs($0) <= bound })
            #expect(all.contains { $0 > bound / 2 } && all.contains { $0 < -bound / 2 })
            #expect(LSTM<Float>(inputSize: 3, hiddenSize: 5, layers: 2, seed: 7).parameters == lstm.parameters)
            #expect(LSTM<Float>(inputSize: 3, hiddenSize: 5, layers: 2, seed: 8).parameters != lstm.parameters)
        }

        @Test("dropout: seeded and reproducible, inactive in inference, inverted scaling")
        func dropout() {
            let x: Tensor<Double> = lstmRandomTensor([4, 6, 3], seed: 1)
            var a = LSTM<Double>(inputSize: 3, hiddenSize: 8, layers: 2, dropout: 0.5, seed: 3)
            var b = LSTM<Double>(inputSize: 3, hiddenSize: 8, layers: 2, dropout: 0.5, seed: 3)
            var plain = LSTM<Double>(inputSize: 3, hiddenSize: 8, layers: 2, dropout: 0, seed: 3)
            let a1 = a.forwardTraining(x), b1 = b.forwardTraining(x)
            #expect(a1.output == b1.output)
            let a2 = a.forwardTraining(x)
            #expect(a2.output != a1.output, "masks must change from call to call")
            let reference = plain.forwardTraining(x)
            #expect(a1.output != reference.output, "dropout must change the training output")
            #expect(a(x).output == plain(x).output, "inference ignores dropout")
            // Single-layer LSTMs have no between-layer dropout (PyTorch semantics).
            var single = LSTM<Double>(inputSize: 3, hiddenSize: 8, layers: 1, dropout: 0.5, seed: 3)
            #expect(single.forwardTraining(x).output == single(x).output)
        }

        @Test("last-step training via finalStateGradient equals an output gradient on the last step")
        func lastStepPath() {
            let (B, T, I, H, L) = (3, 5, 2, 4, 2)
            let x: Tensor<Double> = lstmRandomTensor([B, T, I], seed: 9)
            let dLast: Tensor<Double> = lstmRandomTensor([B, H], seed: 10)
            var a = LSTM<Double>(inputSize: I, hiddenSize: H, layers: L, seed: 11)
            var b = a
            _ = a.forwardTraining(x)
            var dh = [Double](repeating: 0, count: L * B * H)
            for k in 0..<(B * H) { dh[(L - 1) * B * H + k] = dLast.scalars[k] }
            let ga = a.backward(outputGradient: nil,
                                finalStateGradient: LSTMState(h: Tensor(shape: [L, B, H], scalars: dh), c: .zeros([L, B, H])))
            _ = b.forwardTraining(x)
            var dOut = [Double](repeating: 0, count: B * T * H)
            for bb in 0..<B { for j in 0..<H { dOut[(bb * T + T - 1) * H + j] = dLast.scalars[bb * H + j] } }
            let gb = b.backward(outputGradient: Tensor(shape: [B, T, H], scalars: dOut), finalStateGradient: nil)
            for (p, q) in zip(ga.parameters, gb.parameters) {
                #expect(lstmScaledError(p, q.scalars) < 1e-13)
            }
            #expect(lstmScaledError(ga.input, gb.input.scalars) < 1e-13)
            var c = LSTM<Double>(inputSize: I, hiddenSize: H, layers: L, seed: 11)
            _ = c.forwardTraining(x)
            let gc = c.backward(outputGradient: nil, finalStateGradient: nil, computingInputGradient: false)
            #expect(gc.input.shape == [0])
            #expect(gc.parameters.allSatisfy { $0.scalars.allSatisfy { $0 == 0 } }, "no loss → zero gradients")
        }

        @Test("LSTMCell steps reproduce the LSTM layer by layer")
        func cellConsistency() {
            let (B, T, I, H, L) = (3, 4, 5, 6, 2)
            let lstm = LSTM<Double>(inputSize: I, hiddenSize: H, layers: L, seed: 21)
            let x: Tensor<Double> = lstmRandomTensor([B, T, I], seed: 22)
            let state = LSTMState<Double>(h: lstmRandomTensor([L, B, H], seed: 23), c: lstmRandomTensor([L, B, H], seed: 24))
            let out = lstm(x, initialState: state)
            let cells = (0..<L).map { LSTMCell(lstm, layer: $0) }
            var hs = (0..<L).map { state.h.slice($0).contiguous() }, cs = (0..<L).map { state.c.slice($0).contiguous() }
            var last: [Double] = []
            for t in 0..<T {
                var input = Tensor<Double>(shape: [B, I], scalars: (0..<B).flatMap { b in (0..<I).map { x[b, t, $0] } })
                for l in 0..<L {
                    (hs[l], cs[l]) = cells[l](input, state: (hs[l], cs[l]))
                    input = hs[l]
                }
                let expected = (0..<B).flatMap { b in (0..<H).map { out.output[b, t, $0] } }
                #expect(lstmScaledError(input, expected) < 1e-14)
                last = input.scalars
            }
            #expect(lstmScaledError(out.state.h.slice(L - 1).contiguous(), last) < 1e-14)
            #expect(lstmScaledError(out.state.c.slice(0).contiguous(), cs[0].scalars) < 1e-14)
        }

        @Test("workspace reuse: repeated calls and changing shapes give identical results")
        func workspaceReuse() {
            var lstm = LSTM<Float>(inputSize: 2, hiddenSize: 3, layers: 2, seed: 5)
            let x1: Tensor<Float> = lstmRandomTensor([2, 3, 2], seed: 1), x2: Tensor<Float> = lstmRandomTensor([5, 7, 2], seed: 2)
            let r1 = lstm(x1), r2 = lstm(x2)
            #expect(lstm(x1).output == r1.output && lstm(x2).output == r2.output)
            let t1 = lstm.forwardTraining(x1)
            _ = lstm.backward(outputGradient: .ones([2, 3, 3]), finalStateGradient: nil)
            let t2 = lstm.forwardTraining(x1)
            #expect(t1.output == t2.output && t1.output == r1.output)
            let copy = lstm // shares the workspace; a forward on the original must not disturb the copy's record
            _ = lstm.forwardTraining(x2)
            var c2 = copy
            let g = c2.backward(outputGradient: .ones([2, 3, 3]), finalStateGradient: nil)
            #expect(g.parameters.allSatisfy { $0.scalars.allSatisfy(\.isFinite) })
        }

        @Test("Float training flushes subnormals only inside the call")
        func mxcsrRestored() {
            var lstm = LSTM<Float>(inputSize: 2, hiddenSize: 3, seed: 1)
            // Runtime operands (not constant-folded): a subnormal quotient is 0 under FTZ.
            let tiny = Float.leastNormalMagnitude * Float(lstm.inputSize - 1)
            let denominator = Float(lstm.hiddenSize + 1)
            #expect(tiny / denominator != 0)
            _ = lstm.forwardTraining(lstmRandomTensor([2, 3, 2], seed: 1))
            _ = lstm.backward(outputGradient: .ones([2, 3, 3]), finalStateGradient: nil)
            #expect(tiny / denominator != 0, "the caller's thread must still produce subnormals")
        }
    }
}
