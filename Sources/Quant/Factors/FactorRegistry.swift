import Foundation

/// A named factor: what it needs and how to compute it from one asset's series.
public struct FactorDefinition: Sendable {
    /// Registry name (e.g. `ma5`, `boll_up`, `ma5_rel`).
    public let name: String
    /// Fields required.
    public let fields: Set<MarketField>
    /// One-line formula with defaults.
    public let formula: String
    /// Whether the value is a price level (then a `<name>_rel` = value/close − 1 variant exists).
    public let priceLevel: Bool
    /// Computes the factor for one asset; arrays follow `MarketField` order, missing fields are empty.
    let compute: @Sendable (SeriesInput) -> [Double]
}

/// One asset's input series.
struct SeriesInput {
    var open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double], index: [Double]
}

/// The factor library by name, with the fields each factor needs, so that a dataset with only
/// some fields (e.g. close-only) computes what it can and lists the rest.
public struct FactorRegistry: Sendable {
    public let definitions: [FactorDefinition]

    /// The standard library (Docs/Factors.md), with `_rel` variants for price-level factors.
    public static let standard = FactorRegistry(definitions: FactorRegistry.makeStandard())

    /// Factor names in registry order.
    public var names: [String] { definitions.map(\.name) }

    /// The definition called `name`.
    public func definition(_ name: String) -> FactorDefinition? { definitions.first { $0.name == name } }

    /// Factors computable from `data`, and for the others the fields they lack.
    public func availability(for data: MarketData) -> (available: [String], unavailable: [(name: String, missing: [MarketField])]) {
        let have = data.fields
        var ok: [String] = [], not: [(String, [MarketField])] = []
        for d in definitions {
            let missing = d.fields.subtracting(have).sorted()
            if missing.isEmpty { ok.append(d.name) } else { not.append((d.name, missing)) }
        }
        return (ok, not)
    }

    /// Computes the named factors (default: every available one) as panels with `data`'s labels.
    /// Factors run in parallel on `threads` threads. Throws for an unknown name or a factor
    /// whose fields are missing.
    public func compute(_ data: MarketData, names wanted: [String]? = nil, threads: Int? = nil) throws -> [String: Panel] {
        let names = wanted ?? availability(for: data).available
        let defs = try names.map { n -> FactorDefinition in
            guard let d = definition(n) else { throw FactorError.unknownFactor(n) }
            let missing = d.fields.subtracting(data.fields)
            if !missing.isEmpty { throw FactorError.missingFields(factor: n, fields: missing.sorted().map(\.rawValue)) }
            return d
        }
        let nd = data.close.dateCount, na = data.close.assetCount
        // Per-asset inputs are sliced once and shared read-only by all workers.
        let inputs: [SeriesInput] = (0..<na).map { a in
            func s(_ p: Panel?) -> [Double] { p.map { Array($0.series(a)) } ?? [] }
            return SeriesInput(open: s(data.open), high: s(data.high), low: s(data.low), close: s(data.close),
                               volume: s(data.volume), index: data.indexClose ?? [])
        }
        var results = [[Double]](repeating: [], count: defs.count)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, defs.count))
        results.withUnsafeMutableBufferPointer { rp in
            // Workers write disjoint result slots (factor k goes to slot k only).
            nonisolated(unsafe) let out = rp.baseAddress!
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var k = w
                while k < defs.count {
                    var v = [Double]()
                    v.reserveCapacity(nd * na)
                    for a in 0..<na { v += defs[k].compute(inputs[a]) }
                    out[k] = v
                    k += workers
                }
            }
        }
        var out: [String: Panel] = [:]
        for (k, d) in defs.enumerated() { out[d.name] = Panel(like: data.close, columnMajor: results[k]) }
        return out
    }
}

/// A problem with a factor request.
public enum FactorError: Error, Equatable, CustomStringConvertible, Sendable {
    case unknownFactor(String)
    case missingFields(factor: String, fields: [String])

    public var description: String {
        switch self {
        case let .unknownFactor(n): return "unknown factor '\(n)'"
        case let .missingFields(f, fs): return "factor '\(f)' needs \(fs.joined(separator: ", ")), absent from the data"
        }
    }
}

extension FactorRegistry {
    static func makeStandard() -> [FactorDefinition] {
        typealias I = Indicators
        let c: Set<MarketField> = [.close]
        let hlc: Set<MarketField> = [.high, .low, .close]
        var d: [FactorDefinition] = []
        func add(_ name: String, _ fields: Set<MarketField>, _ formula: String, price: Bool = false,
                 _ f: @escaping @Sendable (SeriesInput) -> [Double]) {
            d.append(FactorDefinition(name: name, fields: fields, formula: formula, priceLevel: price, compute: f))
        }
        for n in [5, 10, 20, 60] { add("ma\(n)", c, "MA(C,\(n))", price: true) { I.ma($0.close, n) } }
        for n in [12, 50] { add("expma\(n)", c, "EMA(C,\(n)), α=2/(\(n)+1)", price: true) { I.expma($0.close, n) } }
        add("bbi", c, "(MA3+MA6+MA12+MA24)/4", price: true) { I.bbi($0.close) }
        add("bbiboll_up", c, "BBI + 6·STD(BBI,11)", price: true) { I.bbiboll($0.close).upper }
        add("bbiboll_dn", c, "BBI − 6·STD(BBI,11)", price: true) { I.bbiboll($0.close).lower }
        add("boll_mid", c, "MA(C,20)", price: true) { I.boll($0.close).mid }
        add("boll_up", c, "MA(C,20) + 2·STD(C,20)", price: true) { I.boll($0.close).upper }
        add("boll_dn", c, "MA(C,20) − 2·STD(C,20)", price: true) { I.boll($0.close).lower }
        add("env_up", c, "MA(C,25)·1.06", price: true) { I.env($0.close).upper }
        add("env_dn", c, "MA(C,25)·0.94", price: true) { I.env($0.close).lower }
        add("std20", c, "STD(C,20), ddof 1", price: true) { I.std($0.close, 20) }
        add("cdp", hlc, "(H+L+C)/3 of the previous day", price: true) { I.cdp(high: $0.high, low: $0.low, close: $0.close).cdp }
        add("cdp_ah", hlc, "2·CDP + H − 2L (previous day)", price: true) { I.cdp(high: $0.high, low: $0.low, close: $0.close).ah }
        add("cdp_nh", hlc, "2·CDP − L (previous day)", price: true) { I.cdp(high: $0.high, low: $0.low, close: $0.close).nh }
        add("cdp_nl", hlc, "2·CDP − H (previous day)", price: true) { I.cdp(high: $0.high, low: $0.low, close: $0.close).nl }
        add("cdp_al", hlc, "2·CDP − 2H + L (previous day)", price: true) { I.cdp(high: $0.high, low: $0.low, close: $0.close).al }
        add("atr14", hlc, "Wilder ATR(14)", price: true) { I.atr(high: $0.high, low: $0.low, close: $0.close, 14) }
        add("wvad", [.open, .high, .low, .close, .volume], "Σ24 (C−O)/(H−L)·V") {
            I.wvad(open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume, n: 24)
        }
        add("mawvad", [.open, .high, .low, .close, .volume], "MA(WVAD,6)") {
            Rolling.mean(I.wvad(open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume, n: 24), window: 6)
        }
        add("mom20", c, "C/C[t−20] − 1") { I.momentum($0.close, 20) }
        add("mom60", c, "C/C[t−60] − 1") { I.momentum($0.close, 60) }
        add("rev5", c, "−(C/C[t−5] − 1)") { I.reversal($0.close, 5) }
        add("vol20", c, "STD(ln C/C[t−1], 20), ddof 1") { I.volatility($0.close, 20) }
        add("vr5", [.volume], "V / mean(V[t−5…t−1])") { I.volumeRatio($0.volume, 5) }
        add("rsi14", c, "Wilder RSI(14)") { I.rsi($0.close, 14) }
        add("macd_dif", c, "EMA12 − EMA26") { I.macd($0.close).dif }
        add("macd_dea", c, "EMA(DIF,9)") { I.macd($0.close).dea }
        add("macd_hist", c, "2·(DIF − DEA)") { I.macd($0.close).hist }
        add("market_ret", [.indexClose], "index C/C[t−1] − 1 (same for all assets)") { Returns.fromPrices($0.index) }
        // Price-level factors normalised by the close, comparable across stocks.
        for p in d where p.priceLevel {
            let f = p.compute
            let isSpread = p.name == "std20" || p.name == "atr14"
            d.append(FactorDefinition(name: p.name + "_rel", fields: p.fields.union([.close]),
                                      formula: isSpread ? "\(p.formula) / C" : "\(p.formula) / C − 1", priceLevel: false) { s in
                let v = f(s)
                return v.indices.map { isSpread ? v[$0] / s.close[$0] : v[$0] / s.close[$0] - 1 }
            })
        }
        return d
    }
}
