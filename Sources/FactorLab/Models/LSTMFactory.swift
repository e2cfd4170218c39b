/// Builds the pooled LSTM regressor.
enum LSTMFactory {
    /// Each fold gets its own seed (`seed + fold`), so folds are independent draws yet reproducible.
    static func make(config: PipelineConfig, featureCount: Int, foldIndex: Int) throws -> any ReturnModel {
        LSTMReturnModel(config: config.lstm, seed: config.seed &+ UInt64(foldIndex))
    }
}
