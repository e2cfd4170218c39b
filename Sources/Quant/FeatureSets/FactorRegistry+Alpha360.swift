import Foundation

extension FactorRegistry {
    /// qlib's Alpha360 feature set (`Alpha360DL.get_feature_config()`): the last 60 days of close,
    /// open, high, low and vwap divided by today's close (`CLOSE59`…`CLOSE0`, `OPEN59`…, `HIGH…`,
    /// `LOW…`, `VWAP…`) and of volume divided by today's volume + 1e-12 (`VOLUME59`…`VOLUME0`), in
    /// qlib's order. NaN where the lagged or today's value is missing (the first i dates of the
    /// lag-i features) or the ratio is not finite. The 60 `VWAP` features need a `vwap` column and
    /// are otherwise unavailable (300 of 360 remain).
    public static let alpha360: FactorRegistry = {
        // Names are unique by construction (FeatureSets tests check all 360).
        try! FactorRegistry(definitions: makeAlpha360())
    }()

    static func makeAlpha360() -> [FactorDefinition] {
        var d: [FactorDefinition] = []
        let prices: [(String, MarketField)] = [("CLOSE", .close), ("OPEN", .open), ("HIGH", .high), ("LOW", .low), ("VWAP", .vwap)]
        for (name, field) in prices {
            let key = field.rawValue
            for i in stride(from: 59, through: 0, by: -1) {
                let formula = i == 0 ? "$\(key)/$close" : "Ref($\(key), \(i))/$close"
                d.append(FactorDefinition(name: "\(name)\(i)", fields: [field, .close], formula: formula) { s in
                    lagged(QlibSeries.series(s, field), i, over: s.close, plus: 0)
                })
            }
        }
        for i in stride(from: 59, through: 0, by: -1) {
            let formula = i == 0 ? "$volume/($volume+1e-12)" : "Ref($volume, \(i))/($volume+1e-12)"
            d.append(FactorDefinition(name: "VOLUME\(i)", fields: [.volume], formula: formula) { s in
                lagged(s.volume, i, over: s.volume, plus: 1e-12)
            })
        }
        return d
    }

    /// x[t−i] / (y[t] + eps), NaN for t < i and where the ratio is not finite; one pass, one array
    /// (360 of these per asset).
    static func lagged(_ x: [Double], _ i: Int, over y: [Double], plus eps: Double) -> [Double] {
        [Double](unsafeUninitializedCapacity: y.count) { out, count in
            for t in 0..<y.count {
                let r = t >= i ? x[t - i] / (y[t] + eps) : .nan
                out[t] = r.isFinite ? r : .nan
            }
            count = y.count
        }
    }
}
