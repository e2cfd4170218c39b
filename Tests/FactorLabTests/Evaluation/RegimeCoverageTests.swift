import Foundation
import Quant
import Testing
@testable import FactorLab

/// Evaluation days the benchmark index does not cover take the equal-weight universe's regime,
/// with a warning naming how many and which days; a covering index changes nothing.
@Suite struct RegimeCoverageTests {
    /// 2 assets rising 1 %/day (the universe is a bull market) over 100 dates; the index falls
    /// 0.5 %/day (bear) and has levels only where `indexDefined` says so.
    func labels(indexDefined: (Int) -> Bool, days: [Int]) -> (labels: [MarketRegime], source: String, warnings: [String]) {
        let T = 100
        let dates = (0..<T).map { String(format: "2020-%02d-%02d", 1 + $0 / 28, 1 + $0 % 28) }
        let close = (0..<2).flatMap { a in (0..<T).map { t in (10 + Double(a)) * pow(1.01, Double(t)) } }
        let panel = MarketPanel(dates: dates, tickers: ["A", "B"], fields: ["close": close])
        let simple = panel.logReturns().map { $0.isFinite ? exp($0) - 1 : .nan }
        let index = (0..<T).map { t in indexDefined(t) ? 1000 * pow(0.995, Double(t)) : .nan }
        return Evaluator.regimeLabels(panel: panel, indexClose: index, simpleReturns: simple, days: days, config: PipelineConfig())
    }

    @Test func uncoveredDaysFallBackToTheUniverseWithAWarning() throws {
        let days = Array(70..<100)
        // The index stops after date 79: days 70…80 are labelled from it (the label of day d is known
        // at the close of d−1), days 81…99 from the universe.
        let r = labels(indexDefined: { $0 < 80 }, days: days)
        #expect(r.labels[0...10].allSatisfy { $0 == .bear })
        #expect(r.labels[11...].allSatisfy { $0 == .bull })
        let warning = try #require(r.warnings.first)
        #expect(r.warnings.count == 1)
        #expect(warning.contains("does not cover 19 of 30 evaluation days (first 2020-03-26, last 2020-04-16)"), "\(warning)")
        #expect(r.source == "benchmark index (equal-weight universe on 19 days it does not cover)")
        // A gap inside the index (NaN on dates 84…86): only the days whose label needs those levels.
        let gap = labels(indexDefined: { !(84...86).contains($0) }, days: days)
        #expect(gap.warnings.first?.contains("does not cover 3 of 30") == true)
    }

    @Test func aCoveringIndexChangesNothing() {
        let r = labels(indexDefined: { _ in true }, days: Array(70..<100))
        #expect(r.warnings.isEmpty && r.source == "benchmark index")
        #expect(r.labels.allSatisfy { $0 == .bear })
        // Days before the lookback are sideways, as before.
        let early = labels(indexDefined: { _ in true }, days: Array(1..<10))
        #expect(early.labels.allSatisfy { $0 == .sideways } && early.warnings.isEmpty)
    }

    @Test func anIndexWithoutValuesIsNamed() {
        let r = labels(indexDefined: { _ in false }, days: Array(70..<100))
        #expect(r.labels.allSatisfy { $0 == .bull })
        #expect(r.warnings == ["regimes: the index has no value on any panel date; all 30 evaluation days are labelled from the equal-weight universe"])
    }
}
