import Foundation

/// A small causal factor set used when Quant's factor library is not available in this build.
enum BuiltinFactors {
    static func compute(_ panel: MarketPanel) -> FactorSet {
        let A = panel.assetCount, T = panel.dateCount
        let close = panel.fields["close"]!
        let volume = panel.fields["volume"]
        var names: [String] = [], series: [[Double]] = []
        func add(_ name: String, _ f: (ArraySlice<Double>, Int) -> Double, needs: [Double]? = close) {
            guard let src = needs else { return }
            var out = [Double](repeating: .nan, count: A * T)
            for a in 0..<A {
                let s = src[(a * T)..<((a + 1) * T)]
                for t in 0..<T { out[a * T + t] = f(s, s.startIndex + t) }
            }
            names.append(name); series.append(out)
        }
        func ma(_ s: ArraySlice<Double>, _ i: Int, _ n: Int) -> Double {
            guard i - n + 1 >= s.startIndex else { return .nan }
            var m = 0.0
            for k in (i - n + 1)...i { m += s[k] }
            return m / Double(n)
        }
        add("mom_20") { s, i in i - 20 >= s.startIndex ? Foundation.log(s[i] / s[i - 20]) : .nan }
        add("rev_5") { s, i in i - 5 >= s.startIndex ? -Foundation.log(s[i] / s[i - 5]) : .nan }
        add("ma_ratio_20") { s, i in s[i] / ma(s, i, 20) - 1 }
        add("vol_20") { s, i in
            guard i - 20 >= s.startIndex else { return .nan }
            var r: [Double] = []
            for k in (i - 19)...i { r.append(Foundation.log(s[k] / s[k - 1])) }
            let m = r.reduce(0, +) / 20
            return (r.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 19).squareRoot()
        }
        add("volume_ratio_20", { s, i in s[i] / ma(s, i, 20) }, needs: volume)
        let skipped: [String: [String]] = volume == nil ? ["volume_ratio_20": ["volume"]] : [:]
        return FactorSet(panel: FeaturePanel(factorNames: names, assetCount: A, dateCount: T, series: series),
                         skipped: skipped, origin: "FactorLab built-in fallback set")
    }
}
