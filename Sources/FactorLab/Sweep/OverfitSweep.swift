import Quant
import Foundation

/// The second paper's Fig. 2 experiment: portfolio performance against the degree of model
/// optimisation (capacity × training budget), on validation and test dates of one fold, showing
/// where validation keeps improving while test stops (over-fitting).
public enum OverfitSweep {
    /// Runs `points` (or `share` of them) on fold `foldIndex` (default: the first fold) of `dataset`,
    /// with `model` (default: the pooled LSTM) at each point's hidden size and epoch count.
    public static func run(dataset: ResearchDataset, config: PipelineConfig, points: [SweepPoint] = SweepPoint.defaults,
                           foldIndex: Int = 0, share: FoldShare? = nil, model: any ModelDescriptor = PooledLSTMDescriptor(),
                           progress: ProgressReporter = .silent) throws -> [SweepOutcome] {
        let layout = dataset.layout
        let fold = dataset.folds[min(max(foldIndex, 0), dataset.folds.count - 1)]
        let context = dataset.context(for: fold, config: config)
        let train = context.windows.batch(fold.train, stride: config.lstm.trainStride)
        let validation = context.windows.batch(fold.validation)
        let test = context.test
        var out: [SweepOutcome] = []
        for (k, point) in points.enumerated() where share?.contains(k) ?? true {
            progress.stage("sweep \(k + 1)/\(points.count): \(point.label)")
            var c = config
            c.lstm.hidden = point.hidden
            c.lstm.epochs = point.epochs
            c.lstm.patience = 0
            let start = Date()
            do {
                var fitted = try model.makeModel(c, featureCount: context.features.factorCount, foldIndex: fold.index)
                let fit = try fitted.fit(train: train, validation: validation, progress: progress)
                let pv = try fitted.predict(validation), pt = try fitted.predict(test)
                func evaluate(_ batch: WindowBatch, _ p: [Double], _ dates: Range<Int>) throws -> (Double, Double, Double) {
                    var s = layout.filled(.nan)
                    for i in 0..<batch.count { s[layout.index(asset: batch.assets[i], date: batch.dates[i])] = p[i] }
                    let dd = Array(dates.clamped(to: 0..<layout.dateCount))
                    var bc = c.backtest
                    bc.randomPortfolios = 0
                    let bt = try Backtester.run(scores: [model.name: s], simpleReturns: dataset.simpleReturns, layout: layout,
                                                decisionDates: dd, config: bc, seed: c.seed)
                    let m = try PerformanceMetrics(returns: bt.returns[model.name] ?? [])
                    let ic = PredictionIC(predictions: s, targets: dataset.target, layout: layout, decisionDates: dd)
                    return (m.annualReturn, m.sharpe, ic.ic)
                }
                let v = try evaluate(validation, pv, fold.validation), t = try evaluate(test, pt, fold.test)
                out.append(SweepOutcome(point: point, available: true, reason: nil, trainLoss: fit.trainLoss.last ?? .nan,
                                        validationLoss: fit.validationLoss.last ?? .nan, validationAnnualReturn: v.0,
                                        validationSharpe: v.1, validationIC: v.2, testAnnualReturn: t.0, testSharpe: t.1,
                                        testIC: t.2, seconds: Date().timeIntervalSince(start)))
            } catch {
                progress.message("warning: sweep \(point.label): \(error)")
                out.append(SweepOutcome.unavailable(point, reason: "\(error)"))
            }
        }
        progress.finish()
        return out
    }

    /// The point with the best validation Sharpe (the choice made without seeing test data).
    public static func bestByValidation(_ outcomes: [SweepOutcome]) -> Int? {
        outcomes.indices.filter { outcomes[$0].available && outcomes[$0].validationSharpe.isFinite }
            .max { outcomes[$0].validationSharpe < outcomes[$1].validationSharpe }
    }

    /// A plain-text table of the outcomes.
    public static func table(_ outcomes: [SweepOutcome]) -> String {
        var s = "point        train_loss  val_loss  val_ann_ret  val_sharpe  val_ic    test_ann_ret  test_sharpe  test_ic\n"
        for o in outcomes {
            guard o.available else { s += o.point.label.padding(toLength: 13, withPad: " ", startingAt: 0) + "unavailable: \(o.reason ?? "")\n"; continue }
            s += o.point.label.padding(toLength: 13, withPad: " ", startingAt: 0)
                + String(format: "%10.4f  %8.4f  %11.2f%%  %10.2f  %7.4f  %11.2f%%  %11.2f  %7.4f\n",
                         o.trainLoss, o.validationLoss, o.validationAnnualReturn * 100, o.validationSharpe, o.validationIC,
                         o.testAnnualReturn * 100, o.testSharpe, o.testIC)
        }
        return s
    }
}
