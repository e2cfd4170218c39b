/// A differentiable model that the training loop and the optimisers can drive.
///
/// Parameters are exposed as an ordered list of tensors with PyTorch
/// `state_dict` names, so optimiser state is indexed by position and
/// safetensors files use the same keys as PyTorch.
public protocol TrainableModel {
    /// The scalar type of parameters, inputs and outputs.
    associatedtype Scalar: TensorScalar

    /// Parameter names in a fixed order (e.g. `"lstm.weight_ih_l0"`, `"head.bias"`).
    var parameterNames: [String] { get }

    /// The parameters, aligned with ``parameterNames``.
    var parameters: [Tensor<Scalar>] { get set }

    /// Inference forward: no cache is kept. Input and output shapes are the model's own
    /// (for a sequence regressor: `[B, T, I]` → `[B, 1]`).
    func predict(_ input: Tensor<Scalar>) -> Tensor<Scalar>

    /// Training forward: computes the output and caches what ``backward(_:)`` needs.
    mutating func forwardTraining(_ input: Tensor<Scalar>) -> Tensor<Scalar>

    /// Backward pass of the last ``forwardTraining(_:)`` call.
    ///
    /// - Parameter outputGradient: ∂loss/∂output, shaped like the output.
    /// - Returns: ∂loss/∂parameter for every parameter, aligned with ``parameters``.
    mutating func backward(_ outputGradient: Tensor<Scalar>) -> [Tensor<Scalar>]
}
