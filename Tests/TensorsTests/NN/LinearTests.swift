import Foundation
import Testing
@testable import Tensors

@Suite struct LinearTests {
    @Test func forwardAndBackwardMatchHandValues() {
        var layer = Linear<Double>(weight: Tensor(shape: [2, 3], scalars: [1, 2, 3, -1, 0, 2]),
                                   bias: Tensor(shape: [2], scalars: [0.5, -1]))
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 0, -1, 2, 1, 1])
        let y = layer.forwardTraining(x)
        // Row 0: [1-3+0.5, -1-2-1] ; row 1: [2+2+3+0.5, -2+2-1]
        #expect(y.shape == [2, 2])
        #expect(y.scalars == [-1.5, -4, 7.5, -1])
        let g = Tensor<Double>(shape: [2, 2], scalars: [1, 2, -1, 0.5])
        let grads = layer.backwardWithInput(g)
        // ∂W = Gᵀ X, ∂b = Σ rows G, ∂X = G W
        let expectedWeight: [Double] = [-1, -1, -2, 3, 0.5, -1.5]  // [1−2, 0−1, −1−1, 2+1, 0+0.5, −2+0.5]
        #expect(grads.parameters[0].scalars == expectedWeight)
        #expect(grads.parameters[1].scalars == [0, 2.5])
        let expectedInput: [Double] = [-1, 2, 7, -1.5, -2, -2]  // [1−2, 2, 3+4, −1−0.5, −2, −3+1]
        #expect(grads.input.scalars == expectedInput)
    }

    @Test func matchesPyTorchLinearAndMSE() throws {
        let ref = try #require(try NNFixtures.json("nn_optim_reference")["linear"] as? [String: Any])
        var layer = Linear<Double>(weight: Tensor(shape: [2, 3], scalars: flatDoubles(ref["weight"])),
                                   bias: Tensor(shape: [2], scalars: flatDoubles(ref["bias"])))
        let x = Tensor<Double>(shape: [4, 3], scalars: flatDoubles(ref["input"]))
        let target = Tensor<Double>(shape: [4, 2], scalars: flatDoubles(ref["target"]))
        let y = layer.forwardTraining(x)
        #expect(maxRelativeError(y.scalars, flatDoubles(ref["output"])) < 1e-14)
        let (loss, dy) = MSELoss.valueAndGradient(prediction: y, target: target)
        #expect(abs(loss - flatDoubles(ref["loss"])[0]) < 1e-14)
        let grads = layer.backwardWithInput(dy)
        #expect(maxRelativeError(grads.parameters[0].scalars, flatDoubles(ref["weight_grad"])) < 1e-14)
        #expect(maxRelativeError(grads.parameters[1].scalars, flatDoubles(ref["bias_grad"])) < 1e-14)
        #expect(maxRelativeError(grads.input.scalars, flatDoubles(ref["input_grad"])) < 1e-14)
    }

    @Test func gradientsMatchFiniteDifferences() {
        // Leading dimensions beyond the batch are flattened ([2, 3, 4] → 6 rows).
        var layer = Linear<Double>(inputSize: 4, outputSize: 3, seed: 5)
        let x = Tensor<Double>(shape: [2, 3, 4]) { Double(($0 * 37) % 11) / 5 - 1 }
        let target = Tensor<Double>(shape: [2, 3, 3]) { Double(($0 * 13) % 7) / 3 - 1 }
        let y = layer.forwardTraining(x)
        let (_, dy) = MSELoss.valueAndGradient(prediction: y, target: target)
        let analytic = layer.backwardWithInput(dy)
        let h = 1e-6
        func loss(_ model: Linear<Double>, _ input: Tensor<Double>) -> Double {
            MSELoss.value(prediction: model.predict(input), target: target)
        }
        for p in 0..<2 {
            for i in 0..<layer.parameters[p].count {
                var plus = layer, minus = layer
                var params = layer.parameters
                params[p].withUnsafeMutableBufferPointer { $0[i] += h }
                plus.parameters = params
                params[p].withUnsafeMutableBufferPointer { $0[i] -= 2 * h }
                minus.parameters = params
                let numeric = (loss(plus, x) - loss(minus, x)) / (2 * h)
                #expect(abs(numeric - analytic.parameters[p].scalars[i]) < 1e-8, "parameter \(p)[\(i)]")
            }
        }
        for i in 0..<x.count {
            var plus = x, minus = x
            plus.withUnsafeMutableBufferPointer { $0[i] += h }
            minus.withUnsafeMutableBufferPointer { $0[i] -= h }
            let numeric = (loss(layer, plus) - loss(layer, minus)) / (2 * h)
            #expect(abs(numeric - analytic.input.scalars[i]) < 1e-8, "input[\(i)]")
        }
    }

    @Test func initialisationIsSeededAndBoundedLikePyTorch() {
        let a = Linear<Float>(inputSize: 16, outputSize: 8, seed: 3)
        let b = Linear<Float>(inputSize: 16, outputSize: 8, seed: 3)
        let c = Linear<Float>(inputSize: 16, outputSize: 8, seed: 4)
        #expect(a.parameters == b.parameters)
        #expect(a.weight != c.weight)
        let bound: Float = 1 / 4
        let all = a.weight.scalars + a.bias.scalars
        #expect(all.allSatisfy { abs($0) <= bound })
        // 136 uniform draws on [-¼, ¼]: the extremes should come near the bound.
        #expect(all.max()! > 0.2 && all.min()! < -0.2)
        #expect(a.parameterNames == ["weight", "bias"])
    }

    @Test func mseMatchesDefinition() {
        let p = Tensor<Float>(shape: [3, 1], scalars: [1, 2, 3])
        let t = Tensor<Float>(shape: [3, 1], scalars: [1, 0, 6])
        let (loss, g) = MSELoss.valueAndGradient(prediction: p, target: t)
        #expect(loss == Float(0 + 4 + 9) / 3)
        #expect(g.scalars == [0, 4 / 3, -2])
        #expect(MSELoss.value(prediction: Tensor<Float>.zeros([0, 1]), target: .zeros([0, 1])).isNaN)
    }

    @Test func chainPrefixesNamesAndBackpropagates() {
        var chain = Chain(("body", Linear<Double>(inputSize: 3, outputSize: 4, seed: 1)),
                          ("head", Linear<Double>(inputSize: 4, outputSize: 1, seed: 2)))
        #expect(chain.parameterNames == ["body.weight", "body.bias", "head.weight", "head.bias"])
        let x = Tensor<Double>(shape: [5, 3]) { Double($0 % 4) - 1.5 }
        let target = Tensor<Double>(shape: [5, 1]) { Double($0) / 5 }
        let (_, dy) = MSELoss.valueAndGradient(prediction: chain.forwardTraining(x), target: target)
        let grads = chain.backward(dy)
        #expect(grads.map(\.shape) == chain.parameters.map(\.shape))
        // Finite-difference check on the first (inner) layer's weight.
        let h = 1e-6
        for i in 0..<12 {
            var params = chain.parameters
            params[0].withUnsafeMutableBufferPointer { $0[i] += h }
            var plus = chain
            plus.parameters = params
            params[0].withUnsafeMutableBufferPointer { $0[i] -= 2 * h }
            var minus = chain
            minus.parameters = params
            let numeric = (MSELoss.value(prediction: plus.predict(x), target: target)
                - MSELoss.value(prediction: minus.predict(x), target: target)) / (2 * h)
            #expect(abs(numeric - grads[0].scalars[i]) < 1e-8)
        }
    }
}
