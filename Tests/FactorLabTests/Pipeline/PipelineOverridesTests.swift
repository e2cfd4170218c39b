import Foundation
import Testing
import FactorLab

/// The library's option policy (what `run`, `demo`, `screen` and `sweep` validate before any work).
@Suite struct PipelineOverridesTests {
    @Test func outOfRangeValuesAreRejectedByName() {
        func rejects(_ option: String, _ set: (inout PipelineOverrides) -> Void) {
            var o = PipelineOverrides()
            set(&o)
            #expect(throws: PipelineConfigError.self, "\(option)") { try o.validate() }
            do { try o.validate() } catch { #expect("\(error)".hasPrefix("--\(option) "), "\(error)") }
        }
        rejects("patience") { $0.patience = -1 }
        rejects("screen-alpha") { $0.screenAlpha = .nan }
        rejects("threads") { $0.threads = 3_000_000_000 }
        rejects("horizon") { $0.horizon = Int.max }
        rejects("train-days") { $0.trainDays = Int.max }
        rejects("window") { $0.window = 0 }
        rejects("hidden") { $0.hidden = 100_000_000 }
        rejects("random-portfolios") { $0.randomPortfolios = -1 }
        rejects("models") { $0.models = ["lstm", "nope"] }
        rejects("fold") { $0.fold = "3/2" }
        rejects("tune") { $0.tune = "huge" }
        rejects("cost-bps") { $0.costBps = -1 }
        var ok = PipelineOverrides()
        ok.randomPortfolios = 0
        ok.patience = 0
        #expect(throws: Never.self) { try ok.validate() }
    }

    @Test func explicitHyperparametersPinTheGridAndPresetsFillTheRest() {
        let run = PipelineConfig(preset: .run, overrides: PipelineOverrides())
        #expect(run == PipelineConfig())
        var o = PipelineOverrides()
        o.hidden = 128
        let pinned = PipelineConfig(preset: .run, overrides: o)
        #expect(pinned.lstm.hidden == 128 && pinned.tuning.grid.hidden == [128] && pinned.tuning.preset == "small+pinned")
        let demo = PipelineConfig(preset: .demo, overrides: PipelineOverrides())
        #expect(demo.lstm.hidden == 32 && demo.lstm.epochs == 12 && demo.tuning.grid.hidden == HyperparameterGrid.small.hidden)
        o = PipelineOverrides()
        o.epochs = 20  // the run default, given explicitly: the demo must honour it
        #expect(PipelineConfig(preset: .demo, overrides: o).lstm.epochs == 20)
        o.grid = "hidden=8"
        #expect(PipelineConfig(preset: .run, overrides: o).tuning.grid.hidden == [8])
    }
}
