@testable import Quant
import Testing

/// Daily ratios from joined fundamentals: formulas, accepted names and the non-positive-denominator rule.
@Suite struct FundamentalRatiosTests {
    @Test func peAndPb() {
        let price = [10.0, 12, 8, .nan, 5]
        let r = FundamentalRatios.daily(close: price, fundamentals: [
            "eps": [2, -1, 0, 1, .nan],
            "book_value_per_share": [4, 3, -2, 1, 5],
        ])
        #expect(r.keys.sorted() == ["pb", "pe"])
        #expect(close(r["pe"]!, [5, .nan, .nan, .nan, .nan]))
        #expect(close(r["pb"]!, [2.5, 4, .nan, .nan, 1]))
    }

    @Test func epsAliasAndPreference() {
        let r = FundamentalRatios.daily(close: [10], fundamentals: ["eps_ttm": [4], "bvps": [2], "book_value_per_share": [5]])
        #expect(r["pe"] == [2.5])
        #expect(r["pb"] == [5])  // `bvps` preferred over `book_value_per_share`
    }

    @Test func paperBalanceSheetFactors() {
        let r = FundamentalRatios.daily(close: [1, 1, 1], fundamentals: [
            "revenue": [120, 50, 10], "receivables": [30, 0, 5],
            "tangible_assets": [200, 80, 40], "net_debt": [50, -10, .nan],
        ])
        #expect(close(r["receivables_turnover"]!, [4, .nan, 2]))
        #expect(close(r["tangible_assets_to_net_debt"]!, [4, .nan, .nan]))
    }

    @Test func absentInputsGiveNoRatio() {
        #expect(FundamentalRatios.daily(close: [1], fundamentals: ["revenue": [1]]).isEmpty)
    }
}
