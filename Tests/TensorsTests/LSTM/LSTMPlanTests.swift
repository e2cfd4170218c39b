import Testing
@testable import Tensors

/// The LSTM threading planner: its rule, forced plans, and that every strategy computes the same
/// LSTM (bit-identical for a repeated plan). Pins BLAS.threads: part of the serialised suite.
extension ProcessGlobalStateTests {
    @Suite("LSTM threading plan")
    struct LSTMPlanTests {
        @Test("automatic plan: today's split at 1 and 2 threads, ≥ 8 rows per block beyond")
        func automaticRule() {
            func parts(_ b: Int, _ t: Int) -> LSTMPlan {
                LSTMPlanner.withForcedPlan(nil) {
                    LSTMPlanner.plan(batch: b, steps: 10, inputSize: 10, hiddenSize: 32, layers: 1, scalarSize: 4, threads: t)
                }
            }
            let cases: [(Int, Int, Int)] = [(256, 1, 1), (256, 2, 2), (1, 2, 1), (3, 2, 2), (256, 16, 16), (64, 16, 8),
                                            (32, 16, 4), (8, 16, 2), (1, 16, 1), (128, 4, 4), (12, 4, 2), (256, 8, 8)]
            for (b, t, expected) in cases {
                let p = parts(b, t)
                #expect(p.strategy == .batchSplit && p.parts == expected && p.threads == t, "B \(b) at \(t) threads: \(p)")
            }
            #expect(parts(256, 16).description == "split 16 × 1 BLAS thread (of 16)")
        }

        @Test("plan texts parse, bad ones are named, forced plans are clamped to the batch and the threads")
        func forcedPlans() throws {
            #expect(try LSTMPlanOverride.parse("auto") == nil)
            #expect(try LSTMPlanOverride.parse("blas") == LSTMPlanOverride(strategy: .openBLAS))
            #expect(try LSTMPlanOverride.parse("split:8") == LSTMPlanOverride(strategy: .batchSplit, parts: 8))
            #expect(try LSTMPlanOverride.parse("HYBRID:2") == LSTMPlanOverride(strategy: .hybrid, parts: 2))
            for bad in ["split:0", "blas:4", "gates", "split:x", "split:2:3"] {
                #expect(throws: LSTMPlanError.invalid(bad)) { try LSTMPlanOverride.parse(bad) }
            }
            let lstm = LSTM<Float>(inputSize: 3, hiddenSize: 4)
            BLAS.withThreads(4) {
                LSTMPlanner.withForcedPlan(LSTMPlanOverride(strategy: .batchSplit, parts: 16)) {
                    #expect(lstm.plan(batch: 5, steps: 2) == LSTMPlan(strategy: .batchSplit, parts: 4, threads: 4))
                    #expect(lstm.plan(batch: 3, steps: 2) == LSTMPlan(strategy: .batchSplit, parts: 3, threads: 4))
                }
                LSTMPlanner.withForcedPlan(LSTMPlanOverride(strategy: .openBLAS)) {
                    #expect(lstm.plan(batch: 5, steps: 2).description == "blas 1 × 4 BLAS threads")
                }
            }
        }

        /// Forward output, final state and every gradient of one training step, flattened.
        func step<S: TensorScalar>(_: S.Type, input: Int, threads: Int, plan: LSTMPlanOverride?) -> [Double] {
            let (b, t, h, l) = (13, 7, 24, 2)
            var lstm = LSTM<S>(inputSize: input, hiddenSize: h, layers: l, seed: 3)
            let x: Tensor<S> = lstmRandomTensor([b, t, input], seed: 11)
            let dOut: Tensor<S> = lstmRandomTensor([b, t, h], seed: 12)
            let dState = LSTMState<S>(h: lstmRandomTensor([l, b, h], seed: 13), c: lstmRandomTensor([l, b, h], seed: 14))
            let h0 = LSTMState<S>(h: lstmRandomTensor([l, b, h], seed: 15, scale: 0.5), c: lstmRandomTensor([l, b, h], seed: 16))
            return BLAS.withThreads(threads) {
                LSTMPlanner.withForcedPlan(plan) {
                    let out = lstm.forwardTraining(x, initialState: h0)
                    let g = lstm.backward(outputGradient: dOut, finalStateGradient: dState)
                    let tensors = [out.output, out.state.h, out.state.c, g.input, g.initialState.h, g.initialState.c] + g.parameters
                    return tensors.flatMap { $0.scalars.map { Double($0) } }
                }
            }
        }

        @Test("every strategy and part count computes the same LSTM; a repeated plan is bit-identical",
              arguments: [10, 20]) // small-input kernels and the BLAS projection
        func strategiesAgree(input: Int) {
            let plans: [(Int, LSTMPlanOverride?)] = [
                (2, nil), (3, LSTMPlanOverride(strategy: .batchSplit, parts: 3)), (4, LSTMPlanOverride(strategy: .batchSplit)),
                (2, LSTMPlanOverride(strategy: .openBLAS)), (3, LSTMPlanOverride(strategy: .hybrid, parts: 3)),
                (2, LSTMPlanOverride(strategy: .hybrid, parts: 2)), (4, LSTMPlanOverride(strategy: .batchSplit, parts: 13)),
            ]
            for (S, tolerance) in [(Float.self as any TensorScalar.Type, 2e-5), (Double.self as any TensorScalar.Type, 1e-12)] {
                func run(_ t: Int, _ p: LSTMPlanOverride?) -> [Double] {
                    S == Float.self ? step(Float.self, input: input, threads: t, plan: p)
                                    : step(Double.self, input: input, threads: t, plan: p)
                }
                let reference = run(1, nil)
                let scale = reference.map(abs).max()!
                for (t, p) in plans {
                    let a = run(t, p), b = run(t, p)
                    #expect(a == b, "\(S) \(p?.description ?? "auto") at \(t) threads is reproducible")
                    let worst = zip(a, reference).map { abs($0 - $1) }.max()!
                    #expect(worst <= tolerance * scale, "\(S) \(p?.description ?? "auto") at \(t) threads: \(worst)")
                }
                // The automatic plan at 2 threads is today's batch split in two.
                #expect(run(2, nil) == run(2, LSTMPlanOverride(strategy: .batchSplit, parts: 2)))
            }
        }
    }
}
