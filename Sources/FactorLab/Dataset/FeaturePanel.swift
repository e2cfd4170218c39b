import Foundation
import Quant
/// Factor values per (asset, date, factor), `NaN` where unknown.
///
/// Layout is `values[(asset * dateCount + date) * factorCount + factor]`, so one asset's window of
/// `L` consecutive dates is a contiguous `L × F` block: exactly one LSTM input sequence.
public struct FeaturePanel: Sendable, Equatable {
    /// Factor names, in column order.
    public var factorNames: [String]
    /// Number of assets.
    public var assetCount: Int
    /// Number of dates.
    public var dateCount: Int
    /// The values (see the type's layout note).
    public var values: [Double]

    /// Creates a panel; `values.count` must equal `assetCount * dateCount * factorNames.count`.
    public init(factorNames: [String], assetCount: Int, dateCount: Int, values: [Double]) {
        precondition(values.count == assetCount * dateCount * factorNames.count,
                     "FeaturePanel: \(values.count) values for \(assetCount)×\(dateCount)×\(factorNames.count)")
        self.factorNames = factorNames
        self.assetCount = assetCount
        self.dateCount = dateCount
        self.values = values
    }

    /// Builds a panel from per-factor asset-major series (`series[f][asset * dateCount + date]`).
    public init(factorNames: [String], assetCount: Int, dateCount: Int, series: [[Double]]) {
        let F = factorNames.count
        var v = [Double](repeating: .nan, count: assetCount * dateCount * F)
        for f in 0..<F {
            let s = series[f]
            for i in 0..<(assetCount * dateCount) { v[i * F + f] = s[i] }
        }
        self.init(factorNames: factorNames, assetCount: assetCount, dateCount: dateCount, values: v)
    }

    /// Number of factors.
    public var factorCount: Int { factorNames.count }

    /// The position of (asset, date, factor) in ``values``: (asset, date) in the panel's
    /// asset-major layout, then the factor.
    @inline(__always) public func index(asset: Int, date: Int, factor f: Int) -> Int {
        (asset * dateCount + date) * factorNames.count + f
    }

    /// The value of factor `f` for `asset` at `date`.
    @inline(__always) public func value(asset: Int, date: Int, factor f: Int) -> Double {
        values[index(asset: asset, date: date, factor: f)]
    }

    /// Factor `f` as an asset-major series.
    public func series(factor f: Int) -> [Double] {
        let F = factorCount
        return (0..<(assetCount * dateCount)).map { values[$0 * F + f] }
    }

    /// A panel holding only the factors at `indices`, in that order.
    public func selecting(_ indices: [Int]) -> FeaturePanel {
        let F = factorCount, G = indices.count
        var v = [Double](repeating: .nan, count: assetCount * dateCount * G)
        for i in 0..<(assetCount * dateCount) {
            for (g, f) in indices.enumerated() { v[i * G + g] = values[i * F + f] }
        }
        return FeaturePanel(factorNames: indices.map { factorNames[$0] }, assetCount: assetCount, dateCount: dateCount, values: v)
    }
}
