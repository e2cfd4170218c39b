/// Builds the pooled LSTM regressor.
enum LSTMFactory {
    static func make(config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        throw ModelError.unavailable(model: "lstm", reason: "the Tensors LSTM/trainer is not in this build")
    }
}
