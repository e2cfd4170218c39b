import Foundation
import Quant
/// Windows of one fold's preprocessed features, built once per (dates, stride) and shared by the
/// CV splits and the models of the fold.
public final class FoldWindows {
    /// The fold's preprocessed features.
    public let features: FeaturePanel
    /// Forward targets, asset-major.
    public let targets: [Double]
    /// Sequence length L.
    public let window: Int
    private var cache: [String: WindowBatch] = [:]

    /// Creates an empty cache.
    public init(features: FeaturePanel, targets: [Double], window: Int) {
        self.features = features
        self.targets = targets
        self.window = window
    }

    /// Samples with known targets at `dates` (every `stride`-th date).
    public func batch(_ dates: Range<Int>, stride: Int = 1) -> WindowBatch {
        let key = "\(dates.lowerBound)-\(dates.upperBound)-\(stride)"
        if let b = cache[key] { return b }
        let b = WindowBuilder(window: window, stride: stride).build(features: features, targets: targets, dates: dates, requireTarget: true)
        cache[key] = b
        return b
    }
}
