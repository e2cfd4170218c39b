import Foundation

/// One point of the over-fitting experiment: a model capacity and training budget.
public struct SweepPoint: Sendable, Equatable, Codable {
    /// Hidden units.
    public var hidden: Int
    /// Epochs trained (no early stopping, so the budget is what varies).
    public var epochs: Int

    /// Creates a point.
    public init(hidden: Int, epochs: Int) {
        self.hidden = hidden
        self.epochs = epochs
    }

    /// Label for tables and charts, e.g. `h16·e8`.
    public var label: String { "h\(hidden)·e\(epochs)" }

    /// The default ladder of "optimisation degree" for `factorlab sweep`: capacity and budget grow together.
    public static let defaults: [SweepPoint] = [
        SweepPoint(hidden: 4, epochs: 1), SweepPoint(hidden: 8, epochs: 2), SweepPoint(hidden: 16, epochs: 4),
        SweepPoint(hidden: 32, epochs: 8), SweepPoint(hidden: 64, epochs: 16), SweepPoint(hidden: 128, epochs: 32),
    ]

    /// The lighter ladder `factorlab demo` uses to stay within its time budget.
    public static let demo: [SweepPoint] = [
        SweepPoint(hidden: 4, epochs: 1), SweepPoint(hidden: 8, epochs: 2), SweepPoint(hidden: 16, epochs: 4),
        SweepPoint(hidden: 32, epochs: 8), SweepPoint(hidden: 64, epochs: 12),
    ]
}

/// The outcome of one sweep point on validation and test dates of the chosen fold.
public struct SweepOutcome: Sendable, Equatable, Codable {
    /// The point.
    public var point: SweepPoint
    /// Whether the model could be trained (otherwise `reason` says why and the numbers are NaN).
    public var available: Bool
    /// Why it is unavailable.
    public var reason: String?
    /// Final training loss (scaled target units).
    public var trainLoss: Double
    /// Final validation loss.
    public var validationLoss: Double
    /// Top-k annual return on validation dates.
    public var validationAnnualReturn: Double
    /// Top-k Sharpe on validation dates.
    public var validationSharpe: Double
    /// Mean IC on validation dates.
    public var validationIC: Double
    /// Top-k annual return on test dates.
    public var testAnnualReturn: Double
    /// Top-k Sharpe on test dates.
    public var testSharpe: Double
    /// Mean IC on test dates.
    public var testIC: Double
    /// Wall time in seconds (not part of deterministic outputs' comparisons).
    public var seconds: Double
}

/// The second paper's Fig. 2 experiment: portfolio performance against the degree of model
/// optimisation (capacity × training budget), on validation and test dates of one fold, showing
/// where validation keeps improving while test stops (over-fitting).
public enum OverfitSweep {
    /// Runs `points` (or `share` of them) on fold `foldIndex` (default: the first fold).
    public static func run(panel: MarketPanel, indexClose: [Double]? = nil, config: PipelineConfig, points: [SweepPoint] = SweepPoint.defaults,
                           foldIndex: Int = 0, share: FoldShare? = nil, progress: ProgressReporter = .silent) throws -> [SweepOutcome] {
        let A = panel.assetCount, T = panel.dateCount
        let factors = FactorSource.compute(panel, indexClose: indexClose)
        let logR = panel.logReturns()
        let simple = logR.map { $0.isFinite ? Foundation.exp($0) - 1 : .nan }
        let nextReturn = ForwardTarget.meanLogReturn(logReturns: logR, assetCount: A, dateCount: T, horizon: 1)
        let target = ForwardTarget.meanLogReturn(logReturns: logR, assetCount: A, dateCount: T, horizon: config.horizon)
        let folds = ResearchPipeline.folds(features: factors.panel, config: config)
        guard !folds.isEmpty else { throw PipelineError.tooFewDates(dates: T, needed: config.split.trainDays + config.split.validationDays + 2 * config.horizon + config.window + 1) }
        let fold = folds[min(max(foldIndex, 0), folds.count - 1)]
        let screen = FactorScreener.screen(factors.panel, nextReturn: nextReturn, train: fold.train, config: config.screen)
        let raw = factors.panel.selecting(screen.selected.compactMap { factors.panel.factorNames.firstIndex(of: $0) })
        let features = Preprocessor(fitting: raw, train: fold.train).apply(raw)
        let train = WindowBuilder(window: config.window, stride: config.lstm.trainStride)
            .build(features: features, targets: target, dates: fold.train, requireTarget: true)
        let builder = WindowBuilder(window: config.window)
        let validation = builder.build(features: features, targets: target, dates: fold.validation, requireTarget: true)
        let test = builder.build(features: features, targets: target, dates: fold.test, requireTarget: false)
        var out: [SweepOutcome] = []
        for (k, point) in points.enumerated() where share?.contains(k) ?? true {
            progress.stage("sweep \(k + 1)/\(points.count): \(point.label)")
            var c = config
            c.lstm.hidden = point.hidden
            c.lstm.epochs = point.epochs
            c.lstm.patience = 0
            let start = Date()
            do {
                var model = try ModelFactory.make("lstm", config: c, featureCount: features.factorCount, foldIndex: fold.index)
                let fit = try model.fit(train: train, validation: validation, progress: progress)
                let pv = try model.predict(validation), pt = try model.predict(test)
                func evaluate(_ batch: WindowBatch, _ p: [Double], _ dates: Range<Int>) throws -> (Double, Double, Double) {
                    var s = [Double](repeating: .nan, count: A * T)
                    for i in 0..<batch.count { s[batch.assets[i] * T + batch.dates[i]] = p[i] }
                    let dd = Array(dates.clamped(to: 0..<T))
                    var bc = c.backtest
                    bc.randomPortfolios = 0
                    let bt = try Backtester.run(scores: ["lstm": s], simpleReturns: simple, assetCount: A, dateCount: T,
                                                decisionDates: dd, config: bc, seed: c.seed)
                    let m = PerformanceMetrics(returns: bt.returns["lstm"] ?? [])
                    let ic = PredictionIC(predictions: s, targets: target, assetCount: A, dateCount: T, decisionDates: dd)
                    return (m.annualReturn, m.sharpe, ic.ic)
                }
                let v = try evaluate(validation, pv, fold.validation), t = try evaluate(test, pt, fold.test)
                out.append(SweepOutcome(point: point, available: true, reason: nil, trainLoss: fit.trainLoss.last ?? .nan,
                                        validationLoss: fit.validationLoss.last ?? .nan, validationAnnualReturn: v.0,
                                        validationSharpe: v.1, validationIC: v.2, testAnnualReturn: t.0, testSharpe: t.1,
                                        testIC: t.2, seconds: Date().timeIntervalSince(start)))
            } catch {
                progress.message("warning: sweep \(point.label): \(error)")
                out.append(SweepOutcome(point: point, available: false, reason: "\(error)", trainLoss: .nan, validationLoss: .nan,
                                        validationAnnualReturn: .nan, validationSharpe: .nan, validationIC: .nan,
                                        testAnnualReturn: .nan, testSharpe: .nan, testIC: .nan, seconds: 0))
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
