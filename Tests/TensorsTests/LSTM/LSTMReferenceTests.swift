import Testing
@testable import Tensors

/// LSTM passes with B ≥ 2 and BLAS.threads ≥ 2 hold OpenBLAS at one thread while they run,
/// and these tests pin BLAS.threads: they belong to the serialised process-global suite.
extension ProcessGlobalStateTests {
    /// Forward values and every gradient against torch.nn.LSTM (float64) vectors, at 1 and 2
    /// BLAS threads (2 exercises the batch-split path). Serialised: the tests pin `BLAS.threads`.
    @Suite("LSTM vs PyTorch reference")
    struct LSTMReferenceTests {
        static let cases = (try? LSTMReferenceCase.loadAll()) ?? []

        @Test("reference file loads with all cases")
        func loads() {
            #expect(Self.cases.count == 7)
        }

        @Test("Double matches torch to 1e-10", arguments: [1, 2])
        func double(threads: Int) {
            check(Double.self, threads: threads, forwardTolerance: 1e-10, gradientTolerance: 1e-10)
        }

        @Test("Float matches torch to 1e-4", arguments: [1, 2])
        func float(threads: Int) {
            check(Float.self, threads: threads, forwardTolerance: 1e-5, gradientTolerance: 1e-4)
        }

        func check<S: TensorScalar>(_: S.Type, threads: Int, forwardTolerance: Double, gradientTolerance: Double) {
            BLAS.withThreads(threads) {
                checkCases(S.self, threads: threads, forwardTolerance: forwardTolerance, gradientTolerance: gradientTolerance)
            }
        }

        func checkCases<S: TensorScalar>(_: S.Type, threads: Int, forwardTolerance: Double, gradientTolerance: Double) {
            for c in Self.cases {
                let (B, T, I, H, L) = (c.batch, c.seq, c.inputSize, c.hidden, c.layers)
                var lstm = LSTM<S>(inputSize: I, hiddenSize: H, layers: L)
                #expect(lstm.parameterNames == c.paramNames, "\(c.name)")
                lstm.parameters = zip(lstm.parameterNames, lstm.parameters).map { name, p in
                    Tensor(shape: p.shape, scalars: c.weights[name]!.map { S($0) })
                }
                let x: Tensor<S> = c.tensor("input", [B, T, I])!
                let state: LSTMState<S>? = c.hasInitialState
                    ? LSTMState(h: c.tensor("h0", [L, B, H])!, c: c.tensor("c0", [L, B, H])!) : nil

                let inference = lstm(x, initialState: state)
                let out = lstm.forwardTraining(x, initialState: state)
                for (label, got, key) in [("output", out.output, "output"), ("h_n", out.state.h, "h_n"),
                                          ("c_n", out.state.c, "c_n"), ("inference output", inference.output, "output"),
                                          ("inference h_n", inference.state.h, "h_n")] {
                    let e = lstmScaledError(got, c.values[key]!)
                    #expect(e <= forwardTolerance, "\(c.name) \(S.self) threads \(threads): \(label) error \(e)")
                }

                let finalGrad: LSTMState<S>? = c.lossIncludesFinalState
                    ? LSTMState(h: c.tensor("Gh", [L, B, H])!, c: c.tensor("Gc", [L, B, H])!) : nil
                let g = lstm.backward(outputGradient: c.tensor("G", [B, T, H])!, finalStateGradient: finalGrad)
                for (name, grad) in zip(lstm.parameterNames, g.parameters) {
                    let e = lstmScaledError(grad, c.grads[name]!)
                    #expect(e <= gradientTolerance, "\(c.name) \(S.self) threads \(threads): d\(name) error \(e)")
                }
                let eIn = lstmScaledError(g.input, c.grads["input"]!)
                #expect(eIn <= gradientTolerance, "\(c.name) \(S.self) threads \(threads): dinput error \(eIn)")
                if c.hasInitialState {
                    let eh = lstmScaledError(g.initialState.h, c.grads["h0"]!)
                    let ec = lstmScaledError(g.initialState.c, c.grads["c0"]!)
                    #expect(eh <= gradientTolerance && ec <= gradientTolerance,
                            "\(c.name) \(S.self) threads \(threads): dh0 \(eh) dc0 \(ec)")
                }
            }
        }
    }
}
