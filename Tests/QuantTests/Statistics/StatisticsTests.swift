import Foundation
import Testing
@testable import Quant

/// Statistics helpers against numpy/scipy/statsmodels values (Scripts/reference/make_signals_extra.py).
@Suite struct StatisticsTests {
    @Test func quantileMethodsMatchNumpy() throws {
        let sets = try #require(SignalsRef.extra["quantile"] as? [[String: Any]])
        #expect(sets.count == 2)
        for q in sets {
            let x = SignalsRef.vec(q["x"]), ps = SignalsRef.vec(q["p"])
            let methods = q["methods"] as! [String: Any]
            #expect(methods.count == QuantileMethod.allCases.count)
            for (name, values) in methods {
                let m = try #require(QuantileMethod(rawValue: name))
                for (p, want) in zip(ps, SignalsRef.vec(values)) {
                    let got = Statistics.quantile(x, p, method: m)
                    #expect(close(got, want, rtol: 1e-12), "\(name) p=\(p): \(got) vs \(want)")
                }
            }
        }
    }

    @Test func studentTAndNormal() throws {
        for row in try #require(SignalsRef.extra["student_t"] as? [[String: Any]]) {
            let t = SignalsRef.num(row["t"]), df = SignalsRef.num(row["df"])
            #expect(close(StudentT.cdf(t, df: df), SignalsRef.num(row["cdf"]), rtol: 1e-10, atol: 1e-15), "t=\(t) df=\(df)")
            #expect(close(StudentT.twoSidedP(t, df: df), SignalsRef.num(row["sf2"]), rtol: 1e-10, atol: 1e-300), "t=\(t) df=\(df)")
        }
        for row in try #require(SignalsRef.extra["normal_quantile"] as? [[String: Any]]) {
            let p = SignalsRef.num(row["p"])
            #expect(close(StandardNormal.quantile(p), SignalsRef.num(row["z"]), rtol: 1e-12, atol: 1e-14), "p=\(p)")
        }
    }

    @Test func correlationTestsMatchScipy() throws {
        for row in try #require(SignalsRef.extra["correlation_tests"] as? [[String: Any]]) {
            let x = SignalsRef.vec(row["x"]), y = SignalsRef.vec(row["y"])
            let n = zip(x, y).filter { !$0.isNaN && !$1.isNaN }.count
            for (key, r) in [("pearson", Statistics.pearson(x, y)), ("spearman", Statistics.spearman(x, y))] {
                let want = SignalsRef.vec(row[key])
                #expect(close(r, want[0], rtol: 1e-10), "\(key) r")
                #expect(close(Statistics.correlationTTest(r: r, n: n).p, want[1], rtol: 1e-8), "\(key) p")
            }
        }
    }

    @Test func neweyWestMatchesStatsmodels() throws {
        for row in try #require(SignalsRef.extra["newey_west"] as? [[String: Any]]) {
            let x = SignalsRef.vec(row["x"]), lags = Int(SignalsRef.num(row["lags"]))
            #expect(close(NeweyWest.tStatistic(x, lags: lags), SignalsRef.num(row["t"]), rtol: 1e-10), "lags \(lags)")
        }
        // Zero lags = the iid t with ddof 0 variance: t_NW = t·√(n/(n−1)).
        let x = [0.1, -0.05, 0.2, 0.03, 0.07]
        let t = Statistics.oneSampleTTest(x).t
        #expect(close(NeweyWest.tStatistic(x, lags: 0), t * (5.0 / 4).squareRoot()))
    }

    @Test func momentsAndEdges() {
        #expect(Statistics.mean([Double]()).isNaN)
        #expect(Statistics.mean([1, .nan, 3]) == 2)
        #expect(Statistics.variance([0.001, 0.001, 0.001]) == 0)
        #expect(Statistics.variance([1.0]).isNaN)
        #expect(Statistics.standardDeviation([1, 2, 3, 4], ddof: 0) == (1.25).squareRoot())
        #expect(Statistics.median([5, 1, .nan, 3, 2]) == 2.5)
        #expect(Statistics.medianAbsoluteDeviation([1, 2, 3, 4, 100]) == 1)
        #expect(Statistics.averageRanks([2, 2, 1, .nan]).map { $0.isNaN ? 0 : $0 } == [2.5, 2.5, 1, 0])
        #expect(Statistics.pearson([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(Statistics.pearson([1, .nan], [1, 2]).isNaN)
        // scipy.stats.skew([1,2,3,10]) and kurtosis (biased, excess)
        #expect(close(Statistics.skewness([1, 2, 3, 10]), 1.0182337649086284, rtol: 1e-12))
        #expect(close(Statistics.excessKurtosis([1, 2, 3, 10]), -0.7696000000000001, rtol: 1e-12))
    }

    /// The radix-sort rank kernel used by rank IC equals the comparison-sort ranks, with ties,
    /// signed zeros, negatives, subnormals and infinities.
    @Test func radixRanksMatchComparisonRanks() {
        var rng = SystemRandomNumberGenerator()
        var ws = RankWorkspace()
        for n in [1, 2, 3, 17, 256, 1000] {
            var x = (0..<n).map { _ in (Double.random(in: -3...3, using: &rng) * 4).rounded() / 4 }
            if n > 5 { x[0] = -0.0; x[1] = 0.0; x[2] = .infinity; x[3] = -.infinity; x[4] = .leastNonzeroMagnitude }
            x += (0..<n).map { _ in Double.random(in: -1e6...1e6, using: &rng) }
            var r = [Double](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { xp in r.withUnsafeMutableBufferPointer { Statistics.averageRanks(xp, into: $0, workspace: &ws) } }
            #expect(r == Statistics.averageRanks(x), "n=\(n)")
        }
        // Values that differ only in low mantissa bits (long runs sharing the high 32 key bits,
        // finished by the full key), with ties among them.
        for count in [5, 40, 500] {
            let x = (0..<count).map { i in 1.0 + Double((i * 7919) % (count / 2 + 1)) * Double.ulpOfOne }
                + (0..<count).map { i in -1e-300 * Double(1 + (i * 31) % 9) }
            var r = [Double](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { xp in r.withUnsafeMutableBufferPointer { Statistics.averageRanks(xp, into: $0, workspace: &ws) } }
            #expect(r == Statistics.averageRanks(x), "near-equal count=\(count)")
        }
    }

    @Test func jsonNumbers() {
        #expect(JSONNumber.format(0.1) == "0.1")
        #expect(JSONNumber.format(.nan) == "\"NaN\"")
        #expect(JSONNumber.format(-.infinity) == "\"-Infinity\"")
        let x = 0.1 + 0.2
        #expect(Double(JSONNumber.format(x)) == x)
        let v = Quant.JSONValue.object([("a", .number(.infinity)), ("b", .array([.integer(1), .string("x\"y")]))])
        #expect(v.render() == #"{"a":"Infinity","b":[1,"x\"y"]}"#)
    }
}
