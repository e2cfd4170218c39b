import Foundation
import Quant
/// One walk-forward fold made ready for models: factors screened on the fold's training dates by
/// the paper's rule, preprocessed with statistics fitted on those dates only, and cut into windows.
///
/// `run` and `sweep` build folds through this one type and `screen` through its first step
/// (``ResearchDataset/screen(_:config:)``), so every command screens and preprocesses a fold the same way.
public struct FoldContext {
    /// The fold's date ranges.
    public let fold: WalkForwardFold
    /// The screening of the candidate factors on the training dates.
    public let screen: FactorScreenResult
    /// The selected factors after preprocessing (fitted on the training dates).
    public let features: FeaturePanel
    /// Windows with known targets, cached per (dates, stride) and shared by the fold's models.
    public let windows: FoldWindows
    /// The test windows, including the last dates whose targets are not yet known (live forecasts).
    public let test: WindowBatch

    /// Builds the context of `fold` from `dataset`.
    public init(dataset: ResearchDataset, fold: WalkForwardFold, config: PipelineConfig) {
        self.fold = fold
        let all = dataset.factors.panel
        screen = dataset.screen(fold, config: config)
        let raw = all.selecting(screen.selected.compactMap { all.factorNames.firstIndex(of: $0) })
        features = Preprocessor(fitting: raw, train: fold.train).apply(raw)
        windows = FoldWindows(features: features, targets: dataset.label, window: config.window)
        test = WindowBuilder(window: config.window).build(features: features, targets: dataset.label, dates: fold.test,
                                                          requireTarget: false)
    }
}
