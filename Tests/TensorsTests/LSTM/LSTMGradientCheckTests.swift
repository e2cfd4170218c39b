import Testing
@testable import Tensors

/// LSTM passes with B ≥ 2 and BLAS.threads ≥ 2 hold OpenBLAS at one thread while they run,
/// and these tests pin BLAS.threads: they belong to the serialised process-global suite.
extension ProcessGlobalStateTests {
    /// Central finite differences in Double on random small shapes (including B = 1, T = 1, H = 1),
    /// for every parameter, the input and the initial state, with a loss that reads both the
    /// output sequence and the final state.
    @Suite("LSTM finite-difference gradients")
    struct LSTMGradientCheckTests {
        /// loss = Σ output⊙G + Σ h_n⊙Gh + Σ c_n⊙Gc.
        struct Problem {
            var lstm: LSTM<Double>
            var x: Tensor<Double>
            var state: LSTMState<Double>?
            let G: Tensor<Double>, Gh: Tensor<Double>, Gc: Tensor<Double>

            func loss() -> Double {
                var copy = lstm // fresh copy: same dropout generator state on every evaluation
                let out = copy.forwardTraining(x, initialState: state)
                return dot(out.output, G) + dot(out.state.h, Gh) + dot(out.state.c, Gc)
            }
            func dot(_ a: Tensor<Double>, _ b: Tensor<Double>) -> Double {
                zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }

        static let shapes: [(b: Int, t: Int, i: Int, h: Int, l: Int, state: Bool, dropout: Double)] = [
            (1, 1, 1, 1, 1, false, 0), (1, 1, 2, 1, 1, true, 0), (2, 3, 3, 1, 2, true, 0),
            (3, 4, 2, 3, 1, true, 0), (2, 5, 3, 2, 2, false, 0), (4, 3, 2, 3, 2, true, 0.4),
            // Wide input (I > 16) and wide hidden (H > 64) take BLAS instead of the small-input kernels.
            (3, 2, 17, 2, 2, true, 0), (1, 2, 2, 65, 1, false, 0),
        ]

        @Test("analytic gradients match central differences", arguments: 0..<shapes.count)
        func gradientCheck(index: Int) {
            BLAS.withThreads(1) { gradientCheck(shapeIndex: index) }
        }

        func gradientCheck(shapeIndex index: Int) {
            let s = Self.shapes[index]
            let seed = UInt64(100 + index)
            var lstm = LSTM<Double>(inputSize: s.i, hiddenSize: s.h, layers: s.l, dropout: s.dropout, seed: seed)
            // Larger weights than the default init so gates leave the linear regime.
            lstm.parameters = lstm.parameters.enumerated().map { k, p in
                lstmRandomTensor(p.shape, seed: seed &* 31 &+ UInt64(k), scale: 0.9)
            }
            let L = s.l, B = s.b, H = s.h
            let problem = Problem(
                lstm: lstm, x: lstmRandomTensor([B, s.t, s.i], seed: seed + 1),
                state: s.state ? LSTMState(h: lstmRandomTensor([L, B, H], seed: seed + 2, scale: 0.5),
                                           c: lstmRandomTensor([L, B, H], seed: seed + 3, scale: 0.5)) : nil,
                G: lstmRandomTensor([B, s.t, H], seed: seed + 4), Gh: lstmRandomTensor([L, B, H], seed: seed + 5),
                Gc: lstmRandomTensor([L, B, H], seed: seed + 6))

            var trained = problem.lstm
            _ = trained.forwardTraining(problem.x, initialState: problem.state)
            let g = trained.backward(outputGradient: problem.G,
                                     finalStateGradient: LSTMState(h: problem.Gh, c: problem.Gc))

            let eps = 1e-6
            func numeric(_ perturb: (inout Problem, Double) -> Void) -> Double {
                var plus = problem, minus = problem
                perturb(&plus, eps)
                perturb(&minus, -eps)
                return (plus.loss() - minus.loss()) / (2 * eps)
            }
            func check(_ label: String, _ analytic: Tensor<Double>, _ perturb: (inout Problem, Int, Double) -> Void) {
                let a = analytic.scalars
                // Every element on small shapes; an even sample of ~300 on the wide ones.
                for e in stride(from: 0, to: a.count, by: max(1, a.count / 300)) {
                    let n = numeric { p, d in perturb(&p, e, d) }
                    #expect(abs(n - a[e]) <= 1e-6 * max(1, abs(n)), "\(label)[\(e)]: analytic \(a[e]) numeric \(n) (shape \(index))")
                }
            }
            for k in problem.lstm.parameters.indices {
                check(problem.lstm.parameterNames[k], g.parameters[k]) { p, e, d in
                    var params = p.lstm.parameters
                    params[k].withUnsafeMutableBufferPointer { $0[e] += d }
                    p.lstm.parameters = params
                }
            }
            check("input", g.input) { p, e, d in p.x.withUnsafeMutableBufferPointer { $0[e] += d } }
            if problem.state != nil {
                check("h0", g.initialState.h) { p, e, d in p.state!.h.withUnsafeMutableBufferPointer { $0[e] += d } }
                check("c0", g.initialState.c) { p, e, d in p.state!.c.withUnsafeMutableBufferPointer { $0[e] += d } }
            }
        }
    }
}
