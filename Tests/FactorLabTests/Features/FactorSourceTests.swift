import Foundation
import Quant
import Testing
@testable import FactorLab

/// Candidate factors from what the data hold.
@Suite struct FactorSourceTests {
    @Test func closeOnlyFileLoadsAndSkipsFactorsWithOneNotice() throws {
        var text = "date,ticker,close,sector\n"
        for t in 0..<90 {
            let d = String(format: "2020-%02d-%02d", 1 + t / 28, 1 + t % 28)
            text += "\(d),A,\(100 + Double(t)),tech\n\(d),B,\(50 + Double(t % 7)),energy\n"
        }
        let d = try MarketDataLoader.load(text: text, path: "close.csv")
        #expect(d.quality.ignoredColumns == ["sector"])
        #expect(d.panel.fields.keys.sorted() == ["close"])
        let f = try FactorSource.compute(d.panel)
        #expect(f.skipped["wvad"] == ["open", "high", "low", "volume"])
        #expect(f.skipped["vr5"] == ["volume"])
        #expect(f.panel.factorNames.contains("mom20") && !f.panel.factorNames.contains("wvad"))
    }


    @Test func bundledTestPanelLoads() throws {
        let d = try MarketDataLoader.load(path: TestData.path("small_ohlcv.csv"))
        #expect(d.panel.assetCount == 12 && d.panel.dateCount == 420 && d.rowCount == 5040)
        let idx = try IndexSeries.load(path: TestData.path("small_index.csv"), alignedTo: d.panel.dates)
        #expect(idx.ticker == "^GSPC" && idx.close.allSatisfy { $0.isFinite })
    }
}
