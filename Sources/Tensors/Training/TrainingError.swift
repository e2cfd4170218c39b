/// Why ``Trainer/fit(_:inputs:targets:validation:progress:)`` stopped without finishing.
///
/// Epochs and steps are 1-based, as printed in logs.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A mini-batch loss was NaN or infinite (diverging optimiser, or NaN/inf in the data).
    case nonFiniteLoss(epoch: Int, step: Int)
    /// A gradient entry was NaN or infinite; `parameter` is its name (e.g. `"head.weight"`).
    case nonFiniteGradient(epoch: Int, step: Int, parameter: String)
    /// The validation loss after `epoch` was NaN or infinite.
    case nonFiniteValidationLoss(epoch: Int)
    /// Inputs and targets disagree on the sample count (the leading dimension).
    case sampleCountMismatch(inputs: [Int], targets: [Int])
    /// The model's prediction for a batch is not shaped like the batch's targets.
    case targetShapeMismatch(prediction: [Int], target: [Int])
    /// No samples are left for training (after the validation split).
    case emptyTrainingSet
    /// A configuration value is unusable; the text names it.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case let .nonFiniteLoss(epoch, step):
            "training loss is not finite at epoch \(epoch), step \(step)"
        case let .nonFiniteGradient(epoch, step, parameter):
            "gradient of \(parameter) is not finite at epoch \(epoch), step \(step)"
        case let .nonFiniteValidationLoss(epoch):
            "validation loss is not finite after epoch \(epoch)"
        case let .sampleCountMismatch(inputs, targets):
            "inputs \(inputs) and targets \(targets) have different sample counts"
        case let .targetShapeMismatch(prediction, target):
            "prediction shape \(prediction) does not match target shape \(target)"
        case .emptyTrainingSet:
            "no training samples"
        case let .invalidConfiguration(text):
            "invalid training configuration: \(text)"
        }
    }
}
