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

    /// Sizes that cannot fit in memory are refused before any work, with the numbers.
    @Test func lstmSizesBeyondMemoryAreRefusedWithTheNumbers() throws {
        // One layer, hidden 2, 1 feature, window 1, batch 1, ensemble 1 by hand: parameters
        // 4·2·(1+2+1) + 2 + 1 = 35, × (4 + 1) states = 175; activations 1·1·(12·2·1 + 2·1) = 26; × 4 bytes.
        #expect(PipelineOverrides.lstmWorkspaceBytes(batchSize: 1, window: 1, features: 1, hidden: 2, layers: 1, ensemble: 1) == 4 * (175 + 26))
        var big = PipelineOverrides()
        big.hidden = 65_536
        big.layers = 64
        #expect(throws: PipelineConfigError.self) { try big.validate() }
        do { try big.checkMemory(physicalMemory: 16_000_000_000) } catch {
            #expect("\(error)".hasPrefix("--hidden 65536 with --layers 64"), "\(error)")
            #expect("\(error)".contains(" needs about ") && "\(error)".hasSuffix("GB for LSTM training, this machine has 16 GB"), "\(error)")
        }
        // The defaults fit in a small machine; an OLS-only run is not checked at all.
        #expect(throws: Never.self) { try PipelineOverrides().checkMemory(physicalMemory: 1_000_000_000) }
        big.models = ["ols"]
        #expect(throws: Never.self) { try big.checkMemory(physicalMemory: 1_000_000_000) }
        // A tuning grid's largest hidden size counts.
        var grid = PipelineOverrides()
        grid.grid = "hidden=16,60000"
        grid.layers = 8
        #expect(throws: PipelineConfigError.self) { try grid.checkMemory(physicalMemory: 16_000_000_000) }
    }

    @Test func tooFewDatesSaysWhy() {
        #expect("\(PipelineError.tooFewDates(dates: 30, usable: 0, needed: 241))".hasPrefix(
            "the data have 30 dates; one walk-forward fold needs about 241 usable dates after the factors' warm-up"))
        #expect("\(PipelineError.tooFewDates(dates: 300, usable: 0, needed: 241))".hasPrefix(
            "the data have 300 dates but no asset ever has every candidate factor finite"))
        #expect("\(PipelineError.tooFewDates(dates: 300, usable: 200, needed: 241))" ==
            "the data have 300 dates, 200 of them usable after the first full feature window; one walk-forward fold needs about 241")
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
