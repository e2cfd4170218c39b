/// Two models applied in sequence, presented as one ``TrainableModel`` with one
/// parameter list under PyTorch-style prefixed names.
///
/// `Chain(("lstm", LSTMLastStep(lstm)), ("head", Linear(...)))` names its parameters
/// `lstm.weight_ih_l0, …, head.weight, head.bias` — the keys of the equivalent PyTorch
/// module's `state_dict` — so optimiser state, safetensors files and PyTorch agree.
/// Chains nest (`Chain(("a", x), ("b", Chain(...)))` gives `b.<inner name>.<param>`).
/// The second model must propagate input gradients (``TrainableLayer``); the first
/// needs to only when the chain itself is used as a layer.
public struct Chain<First: TrainableModel, Second: TrainableLayer>: TrainableModel
where First.Scalar == Second.Scalar {
    /// The first stage.
    public var first: First
    /// The second stage, fed with the first stage's output.
    public var second: Second
    /// The name prefix of the first stage's parameters (empty: no prefix).
    public let firstName: String
    /// The name prefix of the second stage's parameters (empty: no prefix).
    public let secondName: String

    /// `first` then `second`, with parameter names prefixed by `name + "."`.
    public init(_ first: (name: String, model: First), _ second: (name: String, model: Second)) {
        self.first = first.model
        self.second = second.model
        firstName = first.name
        secondName = second.name
    }

    private static func prefixed(_ prefix: String, _ names: [String]) -> [String] {
        prefix.isEmpty ? names : names.map { "\(prefix).\($0)" }
    }

    /// The first stage's names then the second's, each with its prefix.
    public var parameterNames: [String] {
        Self.prefixed(firstName, first.parameterNames) + Self.prefixed(secondName, second.parameterNames)
    }

    /// The first stage's parameters then the second's.
    public var parameters: [Tensor<First.Scalar>] {
        get { first.parameters + second.parameters }
        set {
            let split = first.parameters.count
            precondition(newValue.count == split + second.parameters.count,
                         "Chain.parameters: expected \(split + second.parameters.count) tensors, got \(newValue.count)")
            first.parameters = Array(newValue[..<split])
            second.parameters = Array(newValue[split...])
        }
    }

    /// `second(first(input))` without caching.
    public func predict(_ input: Tensor<First.Scalar>) -> Tensor<First.Scalar> {
        second.predict(first.predict(input))
    }

    /// Training forward through both stages (each caches what its backward needs).
    public mutating func forwardTraining(_ input: Tensor<First.Scalar>) -> Tensor<First.Scalar> {
        let hidden = first.forwardTraining(input)
        return second.forwardTraining(hidden)
    }

    /// Back-propagates through the second stage, then the first.
    public mutating func backward(_ outputGradient: Tensor<First.Scalar>) -> [Tensor<First.Scalar>] {
        let head = second.backwardWithInput(outputGradient)
        return first.backward(head.input) + head.parameters
    }
}

extension Chain: TrainableLayer where First: TrainableLayer {
    /// Back-propagates through both stages and returns the gradient of the chain's input too.
    public mutating func backwardWithInput(_ outputGradient: Tensor<First.Scalar>) -> LayerGradients<First.Scalar> {
        let head = second.backwardWithInput(outputGradient)
        let body = first.backwardWithInput(head.input)
        return LayerGradients(parameters: body.parameters + head.parameters, input: body.input)
    }
}
