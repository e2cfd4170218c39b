/// A fully connected layer `y = x·Wᵀ + b` with PyTorch's layout and initialisation.
///
/// `weight` is `[out, in]` and `bias` is `[out]`, exactly as `torch.nn.Linear`, so
/// weights move between the two without transposition. Inputs are `[*, in]`
/// (any leading dimensions, flattened for one GEMM) and outputs `[*, out]`.
public struct Linear<Scalar: TensorScalar>: TrainableLayer {
    /// The weight matrix, `[outputSize, inputSize]`.
    public var weight: Tensor<Scalar>
    /// The bias vector, `[outputSize]`.
    public var bias: Tensor<Scalar>
    /// The input of the last ``forwardTraining(_:)``, kept for ``backwardWithInput(_:)``.
    private var cachedInput: Tensor<Scalar>?

    /// The number of input features.
    public var inputSize: Int { weight.shape[1] }
    /// The number of output features.
    public var outputSize: Int { weight.shape[0] }

    /// A layer initialised as PyTorch does: weight and bias `U(-1/√in, 1/√in)`.
    ///
    /// (PyTorch's `kaiming_uniform_(a: √5)` reduces to that bound.) The draws come from a
    /// seeded SplitMix64 stream — weight row-major first, then bias — so the same seed
    /// gives the same layer; the values differ from PyTorch's own generator.
    public init(inputSize: Int, outputSize: Int, seed: UInt64 = 0) {
        precondition(inputSize > 0 && outputSize > 0,
                     "Linear: sizes must be positive, got in \(inputSize), out \(outputSize)")
        var generator = SplitMix64(state: seed)
        let bound = 1 / Double(inputSize).squareRoot()
        weight = Tensor(shape: [outputSize, inputSize]) { _ in
            Scalar(bound * (2 * generator.nextUnitDouble() - 1))
        }
        bias = Tensor(shape: [outputSize]) { _ in Scalar(bound * (2 * generator.nextUnitDouble() - 1)) }
    }

    /// A layer with the given weight `[out, in]` and bias `[out]`.
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[0]],
                     "Linear: weight \(weight.shape) needs rank 2 and bias \(bias.shape) must be [\(weight.shape.first ?? 0)]")
        self.weight = weight.contiguous()
        self.bias = bias.contiguous()
    }

    /// `["weight", "bias"]`, as in PyTorch's `state_dict`.
    public var parameterNames: [String] { ["weight", "bias"] }

    /// `[weight, bias]`.
    public var parameters: [Tensor<Scalar>] {
        get { [weight, bias] }
        set {
            precondition(newValue.count == 2 && newValue[0].shape == weight.shape && newValue[1].shape == bias.shape,
                         "Linear.parameters: expected [\(weight.shape), \(bias.shape)], got \(newValue.map(\.shape))")
            weight = newValue[0].contiguous()
            bias = newValue[1].contiguous()
        }
    }

    /// `x·Wᵀ + b` for `x` of shape `[*, in]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func predict(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        precondition(input.rank >= 1 && input.shape.last == inputSize,
                     "Linear: input \(input.shape) must end in \(inputSize)")
        let rows = input.count / inputSize
        var output = Tensor<Scalar>(shape: Array(input.shape.dropLast()) + [outputSize], repeating: 0)
        guard rows > 0 else { return output }
        let (inSize, outSize) = (inputSize, outputSize)
        output.withUnsafeMutableBufferPointer { y in
            bias.withUnsafeBufferPointer { b in
                // Seed every row with the bias so one GEMM with β = 1 adds x·Wᵀ on top.
                for r in 0..<rows { (y.baseAddress! + r * outSize).update(from: b.baseAddress!, count: outSize) }
            }
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    Scalar.blasGemm(.none, .transpose, m: rows, n: outSize, k: inSize,
                                    alpha: 1, a: x.baseAddress!, lda: inSize,
                                    b: w.baseAddress!, ldb: inSize,
                                    beta: 1, c: y.baseAddress!, ldc: outSize)
                }
            }
        }
        return output
    }

    /// ``predict(_:)`` that also caches the input for the backward pass.
    public mutating func forwardTraining(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        cachedInput = input.contiguous()
        return predict(input)
    }

    /// Gradients of the last training forward: `∂W = Gᵀ·X`, `∂b = Σ_rows G`, `∂X = G·W`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func backwardWithInput(_ outputGradient: Tensor<Scalar>) -> LayerGradients<Scalar> {
        guard let input = cachedInput else {
            preconditionFailure("Linear.backward called without a preceding forwardTraining")
        }
        precondition(outputGradient.shape == Array(input.shape.dropLast()) + [outputSize],
                     "Linear.backward: gradient \(outputGradient.shape) does not match output \(Array(input.shape.dropLast()) + [outputSize])")
        let rows = input.count / inputSize
        let (inSize, outSize) = (inputSize, outputSize)
        var weightGradient = Tensor<Scalar>.zeros([outSize, inSize])
        var biasGradient = Tensor<Scalar>.zeros([outSize])
        var inputGradient = Tensor<Scalar>.zeros(input.shape)
        guard rows > 0 else {
            return LayerGradients(parameters: [weightGradient, biasGradient], input: inputGradient)
        }
        outputGradient.withUnsafeBufferPointer { g in
            input.withUnsafeBufferPointer { x in
                weightGradient.withUnsafeMutableBufferPointer { dw in
                    Scalar.blasGemm(.transpose, .none, m: outSize, n: inSize, k: rows,
                                    alpha: 1, a: g.baseAddress!, lda: outSize,
                                    b: x.baseAddress!, ldb: inSize,
                                    beta: 0, c: dw.baseAddress!, ldc: inSize)
                }
            }
            biasGradient.withUnsafeMutableBufferPointer { db in
                for r in 0..<rows {
                    let row = g.baseAddress! + r * outSize
                    for o in 0..<outSize { db[o] += row[o] }
                }
            }
            weight.withUnsafeBufferPointer { w in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    Scalar.blasGemm(.none, .none, m: rows, n: inSize, k: outSize,
                                    alpha: 1, a: g.baseAddress!, lda: outSize,
                                    b: w.baseAddress!, ldb: inSize,
                                    beta: 0, c: dx.baseAddress!, ldc: inSize)
                }
            }
        }
        return LayerGradients(parameters: [weightGradient, biasGradient], input: inputGradient)
    }
}
