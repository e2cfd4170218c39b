import Foundation
import Quant
/// A batch of sliding windows: `count` sequences of `window × features` values with targets.
///
/// Sample `i` is asset `assets[i]` at decision date `dates[i]` (the close of that date); its
/// sequence holds the features of dates `dates[i]-window+1 … dates[i]`, oldest first, and its
/// target is the forward target of that decision date (`NaN` when not yet known).
public struct WindowBatch: Sendable {
    /// Sequence length L.
    public var window: Int
    /// Features per step F.
    public var featureCount: Int
    /// Asset index per sample.
    public var assets: [Int]
    /// Decision-date index per sample.
    public var dates: [Int]
    /// Inputs, `[count, window, featureCount]` row-major.
    public var inputs: [Float]
    /// Targets per sample (`NaN` when unknown).
    public var targets: [Double]

    /// Number of samples.
    public var count: Int { assets.count }

    /// The features of the last step (date T) of sample `i`: what the OLS benchmark regresses on.
    public func lastStep(_ i: Int) -> ArraySlice<Float> {
        let base = (i * window + window - 1) * featureCount
        return inputs[base..<(base + featureCount)]
    }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> WindowBatch {
        let stride = window * featureCount
        var x: [Float] = []
        x.reserveCapacity(indices.count * stride)
        for i in indices { x.append(contentsOf: inputs[(i * stride)..<((i + 1) * stride)]) }
        return WindowBatch(window: window, featureCount: featureCount, assets: indices.map { assets[$0] },
                           dates: indices.map { dates[$0] }, inputs: x, targets: indices.map { targets[$0] })
    }
}

/// Builds sliding-window samples from a feature panel and forward targets.
public struct WindowBuilder: Sendable {
    /// Sequence length L (days of features per sample).
    public var window: Int
    /// Keep every `stride`-th decision date (1 = all); subsampling overlapping training windows
    /// cuts LSTM cost with little loss of information.
    public var stride: Int

    /// Creates a builder (defaults: L = 20, stride 1).
    public init(window: Int = 20, stride: Int = 1) {
        precondition(window >= 1 && stride >= 1, "window and stride must be ≥ 1")
        self.window = window
        self.stride = stride
    }

    /// Samples for decision dates in `dates` (every `stride`-th from its start) for every asset whose
    /// whole window is finite. With `requireTarget`, samples without a known target are skipped
    /// (training/validation); without it they are kept (live forecasts at the end of the data).
    public func build(features: FeaturePanel, targets: [Double], dates: Range<Int>, requireTarget: Bool) -> WindowBatch {
        let F = features.factorCount, T = features.dateCount, L = window
        let layout = PanelLayout(assetCount: features.assetCount, dateCount: T)
        var assets: [Int] = [], ds: [Int] = [], x: [Float] = [], y: [Double] = []
        let lo = max(dates.lowerBound, L - 1), hi = min(dates.upperBound, T)
        guard lo < hi else { return WindowBatch(window: L, featureCount: F, assets: [], dates: [], inputs: [], targets: []) }
        for t in Swift.stride(from: lo, to: hi, by: stride) {
            for a in 0..<features.assetCount {
                let y0 = targets[layout.index(asset: a, date: t)]
                if requireTarget && !y0.isFinite { continue }
                let start = features.index(asset: a, date: t - L + 1, factor: 0), end = features.index(asset: a, date: t + 1, factor: 0)
                var ok = true
                for i in start..<end where !features.values[i].isFinite { ok = false; break }
                guard ok else { continue }
                for i in start..<end { x.append(Float(features.values[i])) }
                assets.append(a); ds.append(t); y.append(y0)
            }
        }
        return WindowBatch(window: L, featureCount: F, assets: assets, dates: ds, inputs: x, targets: y)
    }
}
