/// A first-order optimiser that updates a model's parameters in place from their gradients.
///
/// State (momentum buffers, moment estimates, step counts) is indexed by parameter
/// *position*, as in PyTorch's `param_groups[0]["params"]`: call ``step(_:gradients:)``
/// with the same parameter order every time (``TrainableModel/parameters`` guarantees it).
public protocol Optimizer<Scalar> {
    /// The scalar type of the parameters it updates.
    associatedtype Scalar: TensorScalar

    /// The current learning rate (what a ``LearningRateSchedule`` adjusts between epochs).
    var learningRate: Double { get set }

    /// Applies one update to every parameter.
    ///
    /// - Precondition: `gradients` aligns with `parameters` (count and shapes), and the
    ///   shapes are those of previous calls.
    mutating func step(_ parameters: inout [Tensor<Scalar>], gradients: [Tensor<Scalar>])

    /// Forgets all state (as a freshly constructed optimiser); the learning rate is kept.
    mutating func reset()
}

extension Optimizer {
    /// Applies one update to `model`'s parameters.
    public mutating func step<Model: TrainableModel>(_ model: inout Model, gradients: [Tensor<Scalar>])
    where Model.Scalar == Scalar {
        var parameters = model.parameters
        step(&parameters, gradients: gradients)
        model.parameters = parameters
    }
}

/// Checks the parameter/gradient/state alignment every optimiser relies on.
@inline(__always)
func checkAlignment<Scalar>(_ parameters: [Tensor<Scalar>], _ gradients: [Tensor<Scalar>],
                            stateShapes: [[Int]]?, optimizer: String) {
    precondition(parameters.count == gradients.count,
                 "\(optimizer).step: \(parameters.count) parameters but \(gradients.count) gradients")
    for i in parameters.indices {
        precondition(parameters[i].shape == gradients[i].shape,
                     "\(optimizer).step: parameter \(i) has shape \(parameters[i].shape), gradient \(gradients[i].shape)")
        if let stateShapes {
            precondition(stateShapes.count == parameters.count && stateShapes[i] == parameters[i].shape,
                         "\(optimizer).step: parameter \(i) shape \(parameters[i].shape) differs from the state's; call reset() after changing the model")
        }
    }
}
