import Quant
import Foundation
import Tensors
import Testing
@testable import FactorLab

/// Time-series CV splits, the grid search and seed ensembles.
@Suite(.serialized) struct TuningTests {
    /// Property: over many splitter configurations, every CV split trains only on the fold's
    /// training dates, validates only on train + validation dates, keeps a gap of at least `gap`
    /// dates (so training targets end before validation starts) and never reaches the test dates.
    @Test func cvSplitsRespectTheGapAndNeverTouchTestDates() {
        var checked = 0
        for trainDays in [30, 150, 504] {
            for validationDays in [10, 40, 126] {
                for gap in [0, 1, 5, 10] {
                    for mode in WalkForwardMode.allCases {
                        let splitter = WalkForwardSplitter(trainDays: trainDays, validationDays: validationDays, testDays: 63, gap: gap, mode: mode)
                        for fold in splitter.folds(firstDate: 25, dateCount: 1200) {
                            for k in 0...4 {
                                let splits = TimeSeriesCV.splits(fold: fold, gap: gap, innerSplits: k)
                                let V = fold.validation.count, len = fold.train.count
                                // Independent count: inner split j needs len − j·V − gap ≥ V training dates.
                                let expectedInner = min(k, max(0, (len - V - gap) / V))
                                #expect(splits.count == expectedInner + 1, "train \(len) V \(V) gap \(gap) k \(k)")
                                #expect(splits.last == CVSplit(train: fold.train, validation: fold.validation))
                                for (i, s) in splits.enumerated() {
                                    #expect(!s.train.isEmpty && !s.validation.isEmpty)
                                    #expect(s.train.lowerBound == fold.train.lowerBound && s.train.upperBound <= fold.train.upperBound)
                                    #expect(s.validation.lowerBound >= fold.train.lowerBound && s.validation.upperBound <= fold.validation.upperBound)
                                    // Purging: the last training target (date train.upper − 1, horizon = gap) ends before validation.
                                    #expect(s.train.upperBound - 1 + gap < s.validation.lowerBound)
                                    #expect(s.validation.upperBound + gap <= fold.test.lowerBound)
                                    #expect(s.validation.count == V)
                                    if i < splits.count - 1 {
                                        #expect(s.train.count >= V)
                                        #expect(s.validation.upperBound <= splits[i + 1].validation.lowerBound, "blocks overlap")
                                    }
                                    checked += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    /// Synthetic cross-section: `assets` × `dates` samples of `features` standard normal factors
    /// (window 1), target = x·β + σ·noise.
    static func regression(assets: Int, dates: Int, features: Int, beta: Double, noise: Double, seed: UInt64) -> WindowBatch {
        var g = SplitMix64(state: seed)
        func normal() -> Double {
            let u1 = max(Double(g.next() >> 11) / Double(1 << 53), 1e-300), u2 = Double(g.next() >> 11) / Double(1 << 53)
            return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        }
        let b = (0..<features).map { _ in beta * normal() }
        var a: [Int] = [], d: [Int] = [], x: [Float] = [], y: [Double] = []
        for t in 0..<dates {
            for s in 0..<assets {
                let row = (0..<features).map { _ in Float(normal()) }
                var v = noise * normal()
                for j in 0..<features { v += b[j] * Double(row[j]) }
                a.append(s); d.append(t); x += row; y.append(v)
            }
        }
        return WindowBatch(window: 1, featureCount: features, assets: a, dates: d, inputs: x, targets: y)
    }

    static func ridgeSearch(_ data: WindowBatch, dates: Int) throws -> TuningReport {
        let fold = WalkForwardFold(index: 0, train: 0..<(dates * 3 / 4), validation: (dates * 3 / 4 + 1)..<dates, test: dates..<(dates + 1))
        let splits = TimeSeriesCV.splits(fold: fold, gap: 1, innerSplits: 2)
        #expect(splits.count == 3)
        func select(_ r: Range<Int>) -> WindowBatch { data.subset(data.dates.indices.filter { r.contains(data.dates[$0]) }) }
        let grid = HyperparameterGrid(hidden: [8], learningRate: [1e-3], weightDecay: [0], ridge: [0.01, 1, 1000])
        var base = PipelineConfig()
        base.models = ["ols_ridge"]
        base.tuning.grid = grid
        let candidates = try #require(RidgeOLSDescriptor().tuningCandidates(base))
        #expect(candidates.map { $0.values["ridge"]! } == [0, 0.01, 1, 1000])
        return try HyperparameterSearch.search(model: "ols_ridge", candidates: candidates, splits: splits, layout: PanelLayout(assetCount: 10, dateCount: dates),
                                               batches: { (select($0.train), select($0.validation)) },
                                               make: { OLSBenchmark(scope: .pooled, ridge: $0.values["ridge"]!) }).report
    }

    /// Pure noise with 40 regressors on ~100–300 samples: OLS over-fits, and the heaviest penalty
    /// (which shrinks the slopes to ≈ 0, i.e. predicts the mean) must win clearly.
    @Test func searchPicksTheHeavyRidgeOnPureNoise() throws {
        let data = Self.regression(assets: 10, dates: 40, features: 40, beta: 0, noise: 1, seed: 3)
        let report = try Self.ridgeSearch(data, dates: 40)
        #expect(report.chosenParameters.values["ridge"] == 1000)
        let mse = report.candidates.map(\.meanMSE)
        #expect(mse.allSatisfy { $0.isFinite } && mse[0] > 1.2 * mse[3], "\(mse)")
        #expect(report.candidates.allSatisfy { $0.validationMSE.count == 3 && $0.failure == nil })
    }

    /// A strong signal with little noise: any real penalty biases the fit, so plain OLS (ridge 0) wins.
    @Test func searchPicksPlainOLSOnACleanSignal() throws {
        let data = Self.regression(assets: 10, dates: 40, features: 5, beta: 1, noise: 0.05, seed: 4)
        let report = try Self.ridgeSearch(data, dates: 40)
        #expect(report.chosen == 0)
        #expect(report.chosenParameters.values["ridge"] == 0)
        #expect(report.candidates[3].meanMSE > 10 * report.candidates[0].meanMSE)
    }

    @Test func bestIndexSkipsFailuresAndBreaksTiesByGridOrder() {
        func c(_ m: Double, _ f: String? = nil) -> CandidateScore {
            CandidateScore(parameters: HyperparameterCandidate(["ridge": m]), validationMSE: [m], validationRankIC: [0], meanMSE: m, meanRankIC: 0, failure: f)
        }
        #expect(HyperparameterSearch.bestIndex([c(2), c(1), c(1), c(0.5, "boom"), c(.nan)]) == 1)
        #expect(HyperparameterSearch.bestIndex([c(.nan), c(0.1, "x")]) == nil)
    }

    @Test func gridParsesAndRejectsBadInput() throws {
        let g = try HyperparameterGrid(parsing: "hidden=16,32; lr=0.003; ridge=0,5", base: .full)
        #expect(g.hidden == [16, 32] && g.learningRate == [0.003] && g.weightDecay == HyperparameterGrid.full.weightDecay && g.ridge == [0, 5])
        #expect(try HyperparameterGrid(parsing: g.description, base: .small) == g)
        for bad in ["hidden=1.5", "lr=0", "dropout=1", "foo=1", "wd", "ridge=-1", "hidden=a"] {
            #expect(throws: TuningError.self, "\(bad)") { try HyperparameterGrid(parsing: bad, base: .full) }
        }
        var base = PipelineConfig()
        #expect(HyperparameterGrid.full.lstmCandidates(base: base).count == 8)
        base.lstm.layers = 2
        let deep = HyperparameterGrid.full.lstmCandidates(base: base)
        #expect(deep.count == 16 && deep[1].values["dropout"] == 0.2 && deep[1].values["hidden"] == 32)
        base.tuning = .full
        #expect(PooledOLSDescriptor().tuningCandidates(base) == nil)
        #expect(PooledLSTMDescriptor().tuningCandidates(base)?.count == 16)
        base.tuning = .off
        #expect(PooledLSTMDescriptor().tuningCandidates(base) == nil && RidgeOLSDescriptor().tuningCandidates(base) == nil)
        #expect(deep[1].applied(to: base).lstm.dropout == 0.2)
    }

    // MARK: - Seed ensembles

    static func lstmData() -> (train: WindowBatch, validation: WindowBatch, test: WindowBatch) {
        let all = regression(assets: 8, dates: 50, features: 3, beta: 0.5, noise: 0.5, seed: 9)
        // Window 4: reuse the factors of 4 consecutive samples as a sequence (content is arbitrary).
        func windows(_ range: Range<Int>) -> WindowBatch {
            var x: [Float] = []
            for i in range { for k in 0..<4 { x += all.lastStep((i + k * 7) % all.count) } }
            return WindowBatch(window: 4, featureCount: 3, assets: range.map { all.assets[$0] }, dates: range.map { all.dates[$0] },
                               inputs: x, targets: range.map { all.targets[$0] / 100 })
        }
        return (windows(0..<300), windows(300..<360), windows(360..<400))
    }

    static let small = LSTMConfig(hidden: 5, layers: 1, epochs: 3, patience: 2, batchSize: 32, trainStride: 1)

    /// An ensemble of one is today's model: the network trained exactly as before ensembles existed
    /// (the reference below is that code path, inlined), bit for bit.
    @Test(.blasThreads(1)) func ensembleOfOneIsTheSingleNetworkBitForBit() throws {
        let (train, validation, test) = Self.lstmData()
        var model = LSTMReturnModel(config: Self.small, seed: 11)
        _ = try model.fit(train: train, validation: validation, progress: .silent)
        let p = try model.predict(test)

        let c = Self.small
        var net = LSTMRegressor<Float>(inputSize: 3, hiddenSize: c.hidden, layers: c.layers, seed: 11)
        let x = Tensor<Float>(shape: [train.count, 4, 3], scalars: train.inputs)
        let y = Tensor<Float>(shape: [train.count, 1], scalars: train.targets.map { Float($0 * c.targetScale) })
        let val = (Tensor<Float>(shape: [validation.count, 4, 3], scalars: validation.inputs),
                   Tensor<Float>(shape: [validation.count, 1], scalars: validation.targets.map { Float($0 * c.targetScale) }))
        let tc = TrainingConfiguration(epochs: c.epochs, batchSize: c.batchSize, shuffle: true, seed: 11,
                                       earlyStopping: EarlyStopping(patience: c.patience, restoreBestWeights: true), gradientClipNorm: 1.0)
        var trainer = Trainer<LSTMRegressor<Float>, Adam<Float>>(configuration: tc, optimizer: Adam<Float>(learningRate: c.learningRate))
        _ = try trainer.fit(&net, inputs: x, targets: y, validation: val)
        let reference = net.predict(Tensor<Float>(shape: [test.count, 4, 3], scalars: test.inputs)).scalars.map { Double($0) / c.targetScale }
        #expect(p == reference)
        #expect(p.contains { $0 != 0 })
    }

    /// N = 3 predicts the mean of three single networks trained from the member seeds.
    @Test(.blasThreads(1)) func ensembleOfThreeIsTheMeanOfItsMembers() throws {
        let (train, validation, test) = Self.lstmData()
        var c = Self.small
        c.ensemble = 3
        var ensemble = LSTMReturnModel(config: c, seed: 11)
        let report = try ensemble.fit(train: train, validation: validation, progress: .silent)
        #expect(ensemble.networks.count == 3)
        #expect(report.notes.contains { $0.hasPrefix("ensemble of 3") })
        var members: [[Double]] = []
        for m in 0..<3 {
            var single = LSTMReturnModel(config: Self.small, seed: LSTMReturnModel.memberSeed(11, member: m))
            _ = try single.fit(train: train, validation: validation, progress: .silent)
            members.append(try single.predict(test))
        }
        #expect(LSTMReturnModel.memberSeed(11, member: 0) == 11)
        #expect(members[0] != members[1] && members[1] != members[2])
        let mean = test.assets.indices.map { (members[0][$0] + members[1][$0] + members[2][$0]) / 3 }
        #expect(try ensemble.predict(test) == mean)
    }

    // MARK: - Adopting a sweep

    @Test func fromSweepAdoptsTheBestValidationPoint() throws {
        func o(_ h: Int, _ e: Int, _ vs: Double, _ ts: Double) -> SweepOutcome {
            SweepOutcome(point: SweepPoint(hidden: h, epochs: e), available: true, reason: nil, trainLoss: 1, validationLoss: 1,
                         validationAnnualReturn: 0, validationSharpe: vs, validationIC: 0, testAnnualReturn: 0, testSharpe: ts, testIC: 0, seconds: 0)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fl-sweep-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The best test Sharpe (h64) must not matter: the choice is by validation Sharpe (h16·e4).
        try RunDirectory(dir).writeSweep([o(8, 2, 0.1, 0.0), o(16, 4, 0.9, 0.2), o(64, 16, .nan, 3.0)])
        var c = PipelineConfig()
        let p = try c.adoptBestSweepPoint(directory: dir)
        #expect(p == SweepPoint(hidden: 16, epochs: 4))
        #expect(c.lstm.hidden == 16 && c.lstm.epochs == 4 && c.lstm.patience == 0 && c.tuning.adoptedFrom == dir)
        #expect(PooledLSTMDescriptor().tuningCandidates(c) == nil)
        #expect(RidgeOLSDescriptor().tuningCandidates(c)?.count == 6)
        // The sweep file reads back through the Codable route with every number intact.
        let back = try RunDirectory(dir).sweep()
        #expect(back.map(\.point) == [SweepPoint(hidden: 8, epochs: 2), SweepPoint(hidden: 16, epochs: 4), SweepPoint(hidden: 64, epochs: 16)])
        #expect(back[1].validationSharpe == 0.9 && back[2].validationSharpe.isNaN && back[2].testSharpe == 3.0)
        try RunDirectory(dir).writeSweep([o(8, 2, .nan, 1)])
        #expect(throws: TuningError.self) { try c.adoptBestSweepPoint(directory: dir) }
        #expect(throws: OutputError.self) { try c.adoptBestSweepPoint(directory: dir + "/missing") }
        // A sweep.json that no published set vouches for (hand-written, or left by an interrupted write) is refused.
        try AtomicFile.write(SweepDocument([o(8, 2, 0.1, 0.0)]).json.render(indent: 2), to: dir + "/sweep.json")
        #expect(throws: OutputError.self) { try c.adoptBestSweepPoint(directory: dir) }
    }

    /// With tuning on and `ensemble` 2, the winner is retrained as a 2-network ensemble; one-point
    /// grids are applied without a search.
    @Test(.blasThreads(1)) func tunedEnsembleAndOnePointGrids() throws {
        let input = try PipelineTests.inputs()
        var c = PipelineTests.config()
        c.models = ["lstm", "ols_ridge"]
        c.lstm.ensemble = 2
        c.tuning.grid.ridge = [0]  // ridge: only plain OLS → one candidate, no search
        c.foldShare = FoldShare(index: 1, count: 3)
        let run = try ResearchPipeline.predict(panel: input.data.panel, indexClose: input.indexClose, config: c)
        let f = try #require(run.folds.first)
        #expect(f.unavailable.isEmpty)
        #expect(f.tuning["ols_ridge"] == nil && f.tuning["lstm"]?.candidates.count == 2)
        let notes = f.fits["lstm"]!.notes
        #expect(notes.contains { $0.hasPrefix("ensemble of 2") } && notes.contains { $0.hasPrefix("chosen by 2-split CV") })
        #expect(run.predictions["ols_ridge"]!.contains { $0.isFinite })
    }
}
