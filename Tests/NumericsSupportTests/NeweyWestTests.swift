import NumericsSupport
import TestSupport
import Testing

/// Newey–West against a hand computation and numpy's statsmodels-equivalent formula.
@Suite struct NeweyWestTests {
    /// x = 1…5, L = 1: d = (−2, −1, 0, 1, 2), γ₀ = 10/5 = 2, γ₁ = 4/5, w₁ = 1/2,
    /// σ²_NW = 2 + 2·½·0.8 = 2.8, t = 3/√(2.8/5).
    @Test func handComputedCase() {
        let x: [Double] = [1, 2, 3, 4, 5]
        #expect(close(NeweyWest.longRunVariance(x, lags: 1), 2.8, rtol: 1e-15))
        #expect(close(NeweyWest.tStatistic(x, lags: 1), 3 / (2.8 / 5).squareRoot(), rtol: 1e-15))
        // L = 0 is the variance with divisor n; lags beyond n − 1 add nothing more than n − 1 does.
        #expect(close(NeweyWest.longRunVariance(x, lags: 0), 2, rtol: 1e-15))
        #expect(NeweyWest.longRunVariance(x, lags: -3) == NeweyWest.longRunVariance(x, lags: 0))
        #expect(NeweyWest.bartlettWeight(lag: 2, lags: 3) == 0.5)
    }

    @Test func matchesReference() throws {
        let nw = try #require(try ReferenceValues.root()["newey_west"] as? [String: Any])
        let x = try #require(nw["x"] as? [Double])
        let cases = try #require(nw["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        for c in cases {
            let lags = Int(try ReferenceValues.number(c, "lags"))
            #expect(relativeDifference(NeweyWest.tStatistic(x, lags: lags), try ReferenceValues.number(c, "t")) <= 1e-12, "lags \(lags)")
        }
    }

    @Test func degenerateSeries() {
        #expect(NeweyWest.tStatistic([1], lags: 0).isNaN && NeweyWest.longRunVariance([], lags: 2).isNaN)
        #expect(NeweyWest.tStatistic([2, 2, 2], lags: 1) == .infinity)
        #expect(NeweyWest.tStatistic([-2, -2, -2], lags: 1) == -.infinity)
        #expect(NeweyWest.tStatistic([0, 0, 0], lags: 1).isNaN)
    }
}
