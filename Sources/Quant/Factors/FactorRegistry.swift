import Foundation
import Synchronization

/// A named factor: what it needs and how to compute it from one asset's series.
///
/// The contract every factor — built in or your own — must keep, because the research pipeline's
/// no-look-ahead guarantee rests on it:
/// - **Causal**: the value at date t uses the input series at dates ≤ t only (rolling windows look
///   back; never centre, back-fill or normalise over the whole series).
/// - **Aligned**: `compute` returns exactly one value per date of the input (`close.count`), the
///   value for date t at position t.
/// - **NaN for missing**: a value that cannot be computed (warm-up of a rolling window, a missing
///   input) is `NaN`, never 0 or a carried guess; ±inf is not allowed.
/// - **Pure**: the same input gives the same output; it may use ``SeriesInput/memo(_:_:)`` to share
///   intermediates with other factors of the same asset.
///
/// ```swift
/// let range = FactorDefinition(name: "hl_range", fields: [.high, .low, .close], formula: "(H−L)/C") { s in
///     zip(zip(s.high, s.low), s.close).map { ($0.0 - $0.1) / $1 }
/// }
/// let registry = try FactorRegistry.standard.adding(range)
/// ```
public struct FactorDefinition: Sendable {
    /// Registry name (e.g. `ma5`, `boll_up`, `ma5_rel`).
    public let name: String
    /// Fields required.
    public let fields: Set<MarketField>
    /// One-line formula with defaults.
    public let formula: String
    /// Whether the value is a price level (then a `<name>_rel` = value/close − 1 variant exists).
    public let priceLevel: Bool
    /// Computes the factor for one asset; shared intermediates are memoised in the input.
    public let compute: @Sendable (SeriesInput) -> [Double]

    /// Creates a definition (see the type's contract). `priceLevel` marks a value in price units
    /// (a moving average, a band), which is not comparable across stocks: the pipeline then uses
    /// its `_rel` variant when one is registered and skips the level itself.
    public init(name: String, fields: Set<MarketField>, formula: String, priceLevel: Bool = false,
                compute: @escaping @Sendable (SeriesInput) -> [Double]) {
        self.name = name
        self.fields = fields
        self.formula = formula
        self.priceLevel = priceLevel
        self.compute = compute
    }
}

/// One asset's input series, with a memo of intermediate results shared by the factors of that
/// asset (BBI for BBIBOLL, the base factor for its `_rel` variant, the MACD triple, …). Each
/// instance is used by one worker thread only. Fields the dataset lacks are empty arrays.
public final class SeriesInput {
    /// Opening prices (empty when absent).
    public let open: [Double]
    /// Daily highs (empty when absent).
    public let high: [Double]
    /// Daily lows (empty when absent).
    public let low: [Double]
    /// Closing prices (always present).
    public let close: [Double]
    /// Volume (empty when absent).
    public let volume: [Double]
    /// Volume-weighted average price (empty when absent).
    public let vwap: [Double]
    /// The market index close aligned to the dates (empty when no index was given).
    public let index: [Double]
    private var memo: [String: [Double]] = [:]

    /// Creates an input (the registry does this per asset).
    public init(open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double], index: [Double],
                vwap: [Double] = []) {
        self.open = open; self.high = high; self.low = low; self.close = close; self.volume = volume; self.index = index
        self.vwap = vwap
    }

    /// The value cached under `key`, computed by `make` on first use.
    public func memo(_ key: String, _ make: () -> [Double]) -> [Double] {
        if let v = memo[key] { return v }
        let v = make()
        memo[key] = v
        return v
    }
}

/// The factor library by name, with the fields each factor needs, so that a dataset with only
/// some fields (e.g. close-only) computes what it can and lists the rest.
public struct FactorRegistry: Sendable {
    /// The factors, in registry order (the order of ``names``).
    public let definitions: [FactorDefinition]

    /// The standard library (Docs/Factors.md), with `_rel` variants for price-level factors.
    public static let standard = FactorRegistry(standardDefinitions: FactorRegistry.makeStandard())

    /// Whether this is ``standard`` unchanged.
    public let isStandard: Bool

    /// A registry of `definitions`; throws ``FactorError/duplicateFactor(_:)`` for a repeated name.
    public init(definitions: [FactorDefinition]) throws {
        var seen = Set<String>()
        for d in definitions where !seen.insert(d.name).inserted { throw FactorError.duplicateFactor(d.name) }
        self.definitions = definitions
        isStandard = false
    }

    private init(standardDefinitions: [FactorDefinition]) {
        definitions = standardDefinitions
        isStandard = true
    }

    /// This registry with `definitions` appended (your own factors: see ``FactorDefinition``'s contract).
    public func adding(_ more: FactorDefinition...) throws -> FactorRegistry {
        try FactorRegistry(definitions: definitions + more)
    }

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
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, na))
        let buffers = defs.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: max(1, nd * na)) }
        defer { buffers.forEach { $0.deallocate() } }
        // Workers own disjoint asset ranges, so their writes into the buffers never overlap.
        nonisolated(unsafe) let dst = buffers
        // A factor that breaks the alignment contract is reported, not trapped: user factors run here.
        let misaligned = Mutex<(name: String, count: Int)?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for a in (na * w / workers)..<(na * (w + 1) / workers) {
                func s(_ p: Panel?) -> [Double] { p.map { Array($0.series(a)) } ?? [] }
                let input = SeriesInput(open: s(data.open), high: s(data.high), low: s(data.low), close: s(data.close),
                                        volume: s(data.volume), index: data.indexClose ?? [], vwap: s(data.vwap))
                for (k, d) in defs.enumerated() {
                    let v = input.memo(d.name) { d.compute(input) }
                    guard v.count == nd else {
                        misaligned.withLock { $0 = $0 ?? (d.name, v.count) }
                        (dst[k] + a * nd).initialize(repeating: .nan, count: nd)
                        continue
                    }
                    v.withUnsafeBufferPointer { if nd > 0 { (dst[k] + a * nd).initialize(from: $0.baseAddress!, count: nd) } }
                }
            }
        }
        if let bad = misaligned.withLock({ $0 }) {
            throw FactorError.misaligned(factor: bad.name, values: bad.count, dates: nd)
        }
        var out: [String: Panel] = [:]
        for (k, d) in defs.enumerated() {
            out[d.name] = Panel(like: data.close, columnMajor: Array(UnsafeBufferPointer(start: buffers[k], count: nd * na)))
        }
        return out
    }
}

/// A problem with a factor request.
public enum FactorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No factor of this name is registered.
    case unknownFactor(String)
    /// The data lack fields the factor needs.
    case missingFields(factor: String, fields: [String])
    /// Two definitions share a name.
    case duplicateFactor(String)
    /// A factor returned a series of the wrong length (it breaks ``FactorDefinition``'s contract).
    case misaligned(factor: String, values: Int, dates: Int)

    public var description: String {
        switch self {
        case let .unknownFactor(n): return "unknown factor '\(n)'"
        case let .missingFields(f, fs): return "factor '\(f)' needs \(fs.joined(separator: ", ")), absent from the data"
        case let .duplicateFactor(n): return "factor '\(n)' is defined twice"
        case let .misaligned(f, v, d): return "factor '\(f)' returned \(v) values for \(d) dates (one value per date is required)"
        }
    }
}

extension FactorRegistry {
    /// Multi-output indicators computed once per asset and split into their named outputs.
    static func cdpAll(_ i: SeriesInput) -> [[Double]] {
        let keys = ["cdp", "cdp_ah", "cdp_nh", "cdp_nl", "cdp_al"]
        _ = i.memo("cdp#") {
            let r = Indicators.cdp(high: i.high, low: i.low, close: i.close)
            for (k, v) in zip(keys, [r.cdp, r.ah, r.nh, r.nl, r.al]) { _ = i.memo(k) { v } }
            return []
        }
        return keys.map { i.memo($0) { [] } }
    }

    static func macdAll(_ i: SeriesInput) -> [[Double]] {
        let keys = ["macd_dif", "macd_dea", "macd_hist"]
        _ = i.memo("macd#") {
            let r = Indicators.macd(i.close)
            for (k, v) in zip(keys, [r.dif, r.dea, r.hist]) { _ = i.memo(k) { v } }
            return []
        }
        return keys.map { i.memo($0) { [] } }
    }

    static func bollAll(_ i: SeriesInput) -> [[Double]] {
        let keys = ["boll_mid", "boll_up", "boll_dn"]
        _ = i.memo("boll#") {
            let r = Indicators.boll(i.close)
            for (k, v) in zip(keys, [r.mid, r.upper, r.lower]) { _ = i.memo(k) { v } }
            return []
        }
        return keys.map { i.memo($0) { [] } }
    }

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
        add("bbi", c, "(MA3+MA6+MA12+MA24)/4", price: true) { i in i.memo("bbi") { I.bbi(i.close) } }
        add("bbiboll_up", c, "BBI + 6·STD(BBI,11)", price: true) { i in i.memo("bbiboll_up") { I.bbiboll(bbi: i.memo("bbi") { I.bbi(i.close) }).upper } }
        add("bbiboll_dn", c, "BBI − 6·STD(BBI,11)", price: true) { i in i.memo("bbiboll_dn") { I.bbiboll(bbi: i.memo("bbi") { I.bbi(i.close) }).lower } }
        add("boll_mid", c, "MA(C,20)", price: true) { i in Self.bollAll(i)[0] }
        add("boll_up", c, "MA(C,20) + 2·STD(C,20)", price: true) { i in Self.bollAll(i)[1] }
        add("boll_dn", c, "MA(C,20) − 2·STD(C,20)", price: true) { i in Self.bollAll(i)[2] }
        add("env_up", c, "MA(C,25)·1.06", price: true) { I.env($0.close).upper }
        add("env_dn", c, "MA(C,25)·0.94", price: true) { I.env($0.close).lower }
        add("std20", c, "STD(C,20), ddof 1", price: true) { I.std($0.close, 20) }
        add("cdp", hlc, "(H+L+C)/3 of the previous day", price: true) { i in Self.cdpAll(i)[0] }
        add("cdp_ah", hlc, "2·CDP + H − 2L (previous day)", price: true) { i in Self.cdpAll(i)[1] }
        add("cdp_nh", hlc, "2·CDP − L (previous day)", price: true) { i in Self.cdpAll(i)[2] }
        add("cdp_nl", hlc, "2·CDP − H (previous day)", price: true) { i in Self.cdpAll(i)[3] }
        add("cdp_al", hlc, "2·CDP − 2H + L (previous day)", price: true) { i in Self.cdpAll(i)[4] }
        add("atr14", hlc, "Wilder ATR(14)", price: true) { I.atr(high: $0.high, low: $0.low, close: $0.close, 14) }
        add("wvad", [.open, .high, .low, .close, .volume], "Σ24 (C−O)/(H−L)·V") {
            I.wvad(open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume, n: 24)
        }
        add("mawvad", [.open, .high, .low, .close, .volume], "MA(WVAD,6)") {
            i in Rolling.mean(i.memo("wvad") { I.wvad(open: i.open, high: i.high, low: i.low, close: i.close, volume: i.volume, n: 24) }, window: 6)
        }
        add("mom20", c, "C/C[t−20] − 1") { I.momentum($0.close, 20) }
        add("mom60", c, "C/C[t−60] − 1") { I.momentum($0.close, 60) }
        add("rev5", c, "−(C/C[t−5] − 1)") { I.reversal($0.close, 5) }
        add("vol20", c, "STD(ln C/C[t−1], 20), ddof 1") { I.volatility($0.close, 20) }
        add("vr5", [.volume], "V / mean(V[t−5…t−1])") { I.volumeRatio($0.volume, 5) }
        add("rsi14", c, "Wilder RSI(14)") { I.rsi($0.close, 14) }
        add("macd_dif", c, "EMA12 − EMA26") { i in Self.macdAll(i)[0] }
        add("macd_dea", c, "EMA(DIF,9)") { i in Self.macdAll(i)[1] }
        add("macd_hist", c, "2·(DIF − DEA)") { i in Self.macdAll(i)[2] }
        add("market_ret", [.indexClose], "index C/C[t−1] − 1 (same for all assets)") { Returns.fromPrices($0.index) }
        // Price-level factors normalised by the close, comparable across stocks.
        for p in d where p.priceLevel {
            let f = p.compute, base = p.name
            let isSpread = p.name == "std20" || p.name == "atr14"
            d.append(FactorDefinition(name: p.name + "_rel", fields: p.fields.union([.close]),
                                      formula: isSpread ? "\(p.formula) / C" : "\(p.formula) / C − 1", priceLevel: false) { s in
                let v = s.memo(base) { f(s) }
                return v.indices.map { isSpread ? v[$0] / s.close[$0] : v[$0] / s.close[$0] - 1 }
            })
        }
        return d
    }
}
