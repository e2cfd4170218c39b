import Quant
import Foundation
import Testing
@testable import FactorLab

/// Sliding windows, forward targets and walk-forward splits.
@Suite struct DatasetTests {
    /// A panel whose value encodes (asset, date, factor) so every copied number can be checked.
    func codedPanel(assets: Int = 3, dates: Int = 30, factors: Int = 2) -> FeaturePanel {
        var v: [Double] = []
        for a in 0..<assets { for t in 0..<dates { for f in 0..<factors { v.append(Double(a * 10000 + t * 10 + f)) } } }
        return FeaturePanel(factorNames: (0..<factors).map { "f\($0)" }, assetCount: assets, dateCount: dates, values: v)
    }

    @Test func windowsHoldTheLastLDatesOldestFirst() {
        let p = codedPanel()
        let targets = (0..<(3 * 30)).map { Double($0) }
        let b = WindowBuilder(window: 4).build(features: p, targets: targets, dates: 0..<30, requireTarget: true)
        // Decision dates 3…29 for 3 assets.
        #expect(b.count == 27 * 3)
        let i = b.dates.indices.first { b.dates[$0] == 10 && b.assets[$0] == 2 }!
        let seq = Array(b.inputs[(i * 8)..<((i + 1) * 8)])
        #expect(seq == [20070, 20071, 20080, 20081, 20090, 20091, 20100, 20101].map(Float.init))
        #expect(b.targets[i] == Double(2 * 30 + 10))
        #expect(Array(b.lastStep(i)) == [20100, 20101])
    }

    @Test func windowsSkipMissingFeaturesAndUnknownTargets() {
        var p = codedPanel(assets: 1, dates: 12, factors: 1)
        p.values[5] = .nan
        var targets = [Double](repeating: 0.01, count: 12)
        targets[11] = .nan
        let train = WindowBuilder(window: 3).build(features: p, targets: targets, dates: 0..<12, requireTarget: true)
        #expect(train.dates == [2, 3, 4, 8, 9, 10])
        let live = WindowBuilder(window: 3).build(features: p, targets: targets, dates: 0..<12, requireTarget: false)
        #expect(live.dates.last == 11 && live.targets.last!.isNaN)
        let strided = WindowBuilder(window: 3, stride: 2).build(features: p, targets: targets, dates: 2..<12, requireTarget: true)
        #expect(strided.dates == [2, 4, 8, 10])
    }

    @Test func forwardTargetIsTheMeanOfTheNextHLogReturns() {
        let r: [Double] = [.nan, 0.01, 0.02, -0.03, 0.04, 0.05]
        let y = ForwardTarget.meanLogReturn(logReturns: r, layout: PanelLayout(assetCount: 1, dateCount: 6), horizon: 2)
        #expect(abs(y[0] - 0.015) < 1e-15 && abs(y[1] - (-0.005)) < 1e-15 && abs(y[3] - 0.045) < 1e-15)
        #expect(y[4].isNaN && y[5].isNaN)
        let y1 = ForwardTarget.meanLogReturn(logReturns: r, layout: PanelLayout(assetCount: 1, dateCount: 6), horizon: 1)
        #expect(y1[2] == -0.03)
    }

    @Test(arguments: [WalkForwardMode.expanding, .rolling], [1, 5, 10])
    func splitsHaveGapsAndNoTargetOverlap(mode: WalkForwardMode, h: Int) {
        let s = WalkForwardSplitter(trainDays: 100, validationDays: 30, testDays: 25, gap: h, mode: mode)
        let folds = s.folds(firstDate: 19, dateCount: 400)
        #expect(folds.count >= 8)
        for (k, f) in folds.enumerated() {
            // The last target of a split (decision t uses returns t+1…t+h) ends before the next split's first target starts.
            #expect(f.train.upperBound - 1 + h < f.validation.lowerBound + 1)
            #expect(f.validation.upperBound - 1 + h < f.test.lowerBound + 1)
            #expect(f.validation.lowerBound - f.train.upperBound == h && f.test.lowerBound - f.validation.upperBound == h)
            #expect(f.train.lowerBound == (mode == .expanding ? 19 : 19 + 25 * k))
            #expect(f.train.count == (mode == .expanding ? 100 + 25 * k : 100))
            if k > 0 { #expect(folds[k - 1].test.upperBound == f.test.lowerBound) }  // test ranges tile the period
            #expect(f.test.upperBound <= 400)
        }
        // Appending data never moves an earlier fold.
        let longer = s.folds(firstDate: 19, dateCount: 600)
        for f in folds.dropLast() { #expect(longer[f.index] == f) }
        #expect(longer[folds.count - 1].test.lowerBound == folds.last!.test.lowerBound)
    }

    @Test func foldShares() {
        #expect(FoldShare(parsing: "2/3") == FoldShare(index: 2, count: 3))
        #expect(FoldShare(parsing: "0/3") == nil && FoldShare(parsing: "4/3") == nil && FoldShare(parsing: "x") == nil)
        let shares = (1...3).map { FoldShare(index: $0, count: 3) }
        for k in 0..<10 { #expect(shares.filter { $0.contains(k) }.count == 1) }
    }

    @Test func preprocessingUsesTrainingStatisticsOnlyAndIsCausal() {
        // One asset, one factor: 0…9 on training dates, a huge outlier later.
        var v = (0..<20).map(Double.init)
        v[15] = 1e6
        v[12] = .nan
        let p = FeaturePanel(factorNames: ["f"], assetCount: 1, dateCount: 20, values: v)
        let pre = Preprocessor(fitting: p, train: 0..<10)
        #expect(abs(pre.mean[0] - 4.5) < 1e-12)
        let out = pre.apply(p)
        #expect(abs(out.values[0] - (0 - 4.5) / pre.std[0]) < 1e-12)
        #expect(out.values[12] == out.values[11])  // carried forward, never interpolated from date 13
        #expect(out.values[15] == (pre.upper[0] - 4.5) / pre.std[0])  // clipped at the training MAD bound
        // Changing data after date 10 leaves dates ≤ 10 unchanged.
        var w = v
        w[18] = -7
        #expect(Array(pre.apply(FeaturePanel(factorNames: ["f"], assetCount: 1, dateCount: 20, values: w)).values[0...10]) == Array(out.values[0...10]))
    }
}
