import FactorLab
import Foundation
import Quant
import Testing

/// The embeddable HTML section: a fragment (no document wrapper), every table and chart present,
/// group names escaped.
@Suite struct TearSheetHTMLTests {
    @Test func sectionIsAFragmentWithEveryPart() throws {
        let L = PanelLayout(assetCount: 8, dateCount: 40)
        var close = L.filled(.nan), factor = L.filled(.nan)
        for a in 0..<8 { for t in 0..<40 {
            close[L.index(asset: a, date: t)] = 50 * (1 + 0.01 * sin(Double(a * 7 + t)))
            factor[L.index(asset: a, date: t)] = cos(Double(a * 3 + t / 5))
        } }
        let dates = (0..<40).map { String(format: "2024-%02d-%02d", 1 + $0 / 28, 1 + $0 % 28) }
        let groups = (0..<L.count).map { L.position($0).asset % 2 }
        let sheet = try FactorTearSheet.compute(TearSheetInput(layout: L, factor: factor, prices: .closes(close), dates: dates,
                                                               groups: groups, groupNames: ["Tech & <Co>", "Energy"]),
                                                options: TearSheetOptions(quantiles: 4, horizons: [1, 3]))
        let html = TearSheetHTML.section(sheet)
        #expect(!html.contains("<html") && !html.contains("<body"))
        for part in ["<h2>Factor tear sheet</h2>", "<h3>Returns", "<h3>Information", "<h3>Turnover", "<h3>Quantile statistics",
                     "<h3>Monthly mean rank IC", "<h3>Mean rank IC by group", "Tech &amp; &lt;Co&gt;", "Cumulative return by quantile"] {
            #expect(html.contains(part), "missing \(part)")
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 2 + 2 + 2)  // bars per horizon, 2 cumulative, IC per horizon
        let page = TearSheetHTML.page(sheet, title: "t")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains(html))
    }
}
