/// The gradients of one backward pass through a layer.
public struct LayerGradients<Scalar: TensorScalar> {
    /// ∂loss/∂parameter, aligned with the layer's ``TrainableModel/parameters``.
    public var parameters: [Tensor<Scalar>]
    /// ∂loss/∂input, shaped like the input of the last training forward.
    public var input: Tensor<Scalar>

    /// Gradients for the parameters and the input.
    public init(parameters: [Tensor<Scalar>], input: Tensor<Scalar>) {
        self.parameters = parameters
        self.input = input
    }
}

/// A ``TrainableModel`` that also propagates the gradient to its input, so it can
/// sit after another model in a ``Chain``.
public protocol TrainableLayer: TrainableModel {
    /// Backward pass of the last ``TrainableModel/forwardTraining(_:)`` call, returning
    /// both parameter and input gradients.
    mutating func backwardWithInput(_ outputGradient: Tensor<Scalar>) -> LayerGradients<Scalar>
}

extension TrainableLayer {
    /// Parameter gradients of the last training forward (the input gradient is discarded).
    public mutating func backward(_ outputGradient: Tensor<Scalar>) -> [Tensor<Scalar>] {
        backwardWithInput(outputGradient).parameters
    }
}
