import Foundation
import Testing
@testable import Tensors

/// Optimisers, clipping and schedules against PyTorch 2.x vectors
/// (Scripts/reference/nn_optim_reference.py → Resources/nn/nn_optim_reference.json).
@Suite struct OptimizerTests {
    static func cases() throws -> [[String: Any]] {
        try #require(try NNFixtures.json("nn_optim_reference")["optimizers"] as? [[String: Any]])
    }

    func run<S: TensorScalar>(_ optimizer: any Optimizer<S>, _ case_: [String: Any], _: S.Type) throws -> Double {
        var optimizer = optimizer
        let shapes = try #require(case_["shapes"] as? [[Int]])
        let initial = try #require(case_["initial"] as? [Any])
        var params = zip(shapes, initial).map { Tensor<S>(shape: $0, scalars: flatDoubles($1).map { S($0) }) }
        let gradients = try #require(case_["gradients"] as? [[Any]])
        let after = try #require(case_["after"] as? [[Any]])
        var worst = 0.0
        for (step, grads) in gradients.enumerated() {
            let g = zip(shapes, grads).map { Tensor<S>(shape: $0, scalars: flatDoubles($1).map { S($0) }) }
            optimizer.step(&params, gradients: g)
            for (p, expected) in zip(params, after[step]) {
                worst = max(worst, maxRelativeError(p.scalars, flatDoubles(expected)))
            }
        }
        return worst
    }

    func optimizerFor<S: TensorScalar>(_ hyper: [String: Any], _: S.Type) -> any Optimizer<S> {
        let lr = hyper["lr"] as! Double
        let decay = hyper["weight_decay"] as? Double ?? 0
        switch hyper["kind"] as! String {
        case "sgd":
            return SGD<S>(learningRate: lr, momentum: hyper["momentum"] as? Double ?? 0,
                          dampening: hyper["dampening"] as? Double ?? 0, weightDecay: decay,
                          nesterov: hyper["nesterov"] as? Bool ?? false)
        case "adamw":
            return Adam<S>.adamW(learningRate: lr, weightDecay: decay)
        default:
            return Adam<S>(learningRate: lr, beta1: hyper["beta1"] as? Double ?? 0.9,
                           beta2: hyper["beta2"] as? Double ?? 0.999, epsilon: hyper["eps"] as? Double ?? 1e-8,
                           weightDecay: decay)
        }
    }

    @Test func optimisersMatchPyTorch() throws {
        let cases = try Self.cases()
        #expect(cases.count == 12)
        for case_ in cases {
            let hyper = try #require(case_["hyper"] as? [String: Any])
            let name = case_["name"] as! String
            if case_["dtype"] as? String == "F64" {
                let error = try run(optimizerFor(hyper, Double.self), case_, Double.self)
                // Same operation order and fused multiply–adds as PyTorch's kernels: bit-identical.
                #expect(error == 0, "\(name) F64 max rel error \(error)")
            } else {
                let error = try run(optimizerFor(hyper, Float.self), case_, Float.self)
                // SGD bit-identical; Adam within an ulp (PyTorch's float sqrt is MKL's vectorised one).
                #expect(name.hasPrefix("sgd") ? error == 0 : error < 6e-8, "\(name) F32 max rel error \(error)")
            }
        }
    }

    @Test func sgdHandComputedMomentumAndNesterov() {
        // p = 1, g = 1 each step, μ = 0.9, η = 0.1.
        var p = [Tensor<Double>(shape: [1], scalars: [1])]
        let g = [Tensor<Double>(shape: [1], scalars: [1])]
        var heavy = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        heavy.step(&p, gradients: g)   // b = 1, p = 0.9
        heavy.step(&p, gradients: g)   // b = 1.9, p = 0.71
        #expect(abs(p[0].scalars[0] - 0.71) < 1e-15)
        var q = [Tensor<Double>(shape: [1], scalars: [1])]
        var nesterov = SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        nesterov.step(&q, gradients: g)  // b = 1, d = 1 + 0.9 = 1.9, p = 0.81
        nesterov.step(&q, gradients: g)  // b = 1.9, d = 1 + 1.71 = 2.71, p = 0.539
        #expect(abs(q[0].scalars[0] - 0.539) < 1e-15)
    }

    @Test func adamFirstStepMovesByLearningRate() {
        // At t = 1, m̂ = g and √v̂ = |g|, so the step is η·g/(|g| + ε) ≈ η·sign(g).
        var p = [Tensor<Double>(shape: [2], scalars: [0, 0])]
        var adam = Adam<Double>(learningRate: 0.01)
        adam.step(&p, gradients: [Tensor(shape: [2], scalars: [3, -0.5])])
        #expect(abs(p[0].scalars[0] + 0.01 * 3 / (3 + 1e-8)) < 1e-16)
        #expect(abs(p[0].scalars[1] - 0.01 * 0.5 / (0.5 + 1e-8)) < 1e-16)
        #expect(adam.stepCount == 1)
        adam.reset()
        #expect(adam.stepCount == 0 && adam.firstMoments.isEmpty)
    }

    @Test func clippingMatchesPyTorch() throws {
        let cases = try #require(try NNFixtures.json("nn_optim_reference")["clipping"] as? [[String: Any]])
        #expect(cases.count == 6)
        for c in cases {
            let shapes = try #require(c["shapes"] as? [[Int]])
            let maxNorm = c["max_norm"] as! Double
            let normType = (c["norm_type"] as? String) == "inf" ? Double.infinity : c["norm_type"] as! Double
            let grads = c["gradients"] as! [Any], clipped = c["clipped"] as! [Any]
            let expectedTotal = c["total_norm"] as! Double
            if c["dtype"] as? String == "F64" {
                var g = zip(shapes, grads).map { Tensor<Double>(shape: $0, scalars: flatDoubles($1)) }
                let total = GradientClipping.clipNorm(&g, maxNorm: maxNorm, normType: normType)
                #expect(abs(total - expectedTotal) < 1e-14)
                for (t, e) in zip(g, clipped) { #expect(maxRelativeError(t.scalars, flatDoubles(e)) < 1e-14) }
            } else {
                var g = zip(shapes, grads).map { Tensor<Float>(shape: $0, scalars: flatDoubles($1).map { Float($0) }) }
                let total = GradientClipping.clipNorm(&g, maxNorm: maxNorm, normType: normType)
                #expect(abs(Double(total) - expectedTotal) < 1e-6)
                for (t, e) in zip(g, clipped) { #expect(maxRelativeError(t.scalars, flatDoubles(e)) < 2e-7) }
            }
        }
    }

    @Test func clippingHandValues() {
        // ‖(3, 4)‖ = 5 → scaled by 1/(5 + 1e-6).
        var g = [Tensor<Double>(shape: [1], scalars: [3]), Tensor<Double>(shape: [1], scalars: [4])]
        let total = GradientClipping.clipNorm(&g, maxNorm: 1)
        #expect(total == 5)
        #expect(abs(g[0].scalars[0] - 3 / (5 + 1e-6)) < 1e-15)
        var small = [Tensor<Double>(shape: [2], scalars: [0.3, 0.4])]
        GradientClipping.clipNorm(&small, maxNorm: 1)
        #expect(small[0].scalars == [0.3, 0.4])
    }

    @Test func schedulesMatchPyTorch() throws {
        let ref = try #require(try NNFixtures.json("nn_optim_reference")["schedules"] as? [String: Any])
        func rates(_ schedule: some LearningRateSchedule) -> [Double] {
            var schedule = schedule
            var lr = 0.1
            return (0..<25).map { _ in
                schedule.step(learningRate: &lr)
                return lr
            }
        }
        let step = rates(StepLR(stepSize: 3, gamma: 0.5))
        let cosine = rates(CosineAnnealingLR(tMax: 10, minimumLearningRate: 0.001))
        let cosine7 = rates(CosineAnnealingLR(tMax: 7))
        // Same operations in the same order as PyTorch's recursive form ⇒ equal to the last bit.
        #expect(step == flatDoubles(ref["step_3_0.5"]))
        #expect(maxRelativeError(cosine, flatDoubles(ref["cosine_10_0.001"])) < 1e-15)
        #expect(maxRelativeError(cosine7, flatDoubles(ref["cosine_7_0"])) < 1e-15)
        #expect(step[2] == 0.05 && step[5] == 0.025)
        // Half-period: the floor at T_max, back to the base at 2·T_max.
        #expect(abs(cosine[9] - 0.001) < 1e-15 && abs(cosine[19] - 0.1) < 1e-12)
    }
}
