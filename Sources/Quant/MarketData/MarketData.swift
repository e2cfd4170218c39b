import Foundation

/// A field a factor needs.
public enum MarketField: String, Sendable, CaseIterable, Comparable {
    case open, high, low, close, volume
    /// Volume-weighted average price (optional `vwap` column; used by qlib's VWAP features only).
    case vwap
    /// The close of a market index on the panel's dates (for the market-return factor).
    case indexClose = "index_close"

    /// Orders fields by declaration order (open, high, low, close, volume, vwap, index close), for stable listings.
    public static func < (a: MarketField, b: MarketField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// OHLCV panels sharing dates and assets; only `close` is required.
public struct MarketData: Sendable {
    /// Closing prices: the only required field; its dates and assets label every other panel.
    public let close: Panel
    /// Opening prices (`nil` when the dataset lacks them).
    public let open: Panel?
    /// Daily highs (`nil` when the dataset lacks them).
    public let high: Panel?
    /// Daily lows (`nil` when the dataset lacks them).
    public let low: Panel?
    /// Traded volume (`nil` when the dataset lacks it).
    public let volume: Panel?
    /// Volume-weighted average prices (`nil` when the dataset has no `vwap` column: never derived
    /// from other fields, so factors that need it are reported unavailable).
    public let vwap: Panel?
    /// Index closes aligned to `close.dates` (NaN where the index has no value).
    public let indexClose: [Double]?

    /// Checks that every panel has `close`'s labels and that `indexClose` has one value per date.
    public init(close: Panel, open: Panel? = nil, high: Panel? = nil, low: Panel? = nil, volume: Panel? = nil,
                vwap: Panel? = nil, indexClose: [Double]? = nil) throws {
        for (name, p) in [("open", open), ("high", high), ("low", low), ("volume", volume), ("vwap", vwap)] {
            if let p, p.dates != close.dates || p.assets != close.assets {
                throw PanelError.labelMismatch("\(name) panel labels differ from close")
            }
        }
        if let i = indexClose, i.count != close.dateCount {
            throw PanelError.labelMismatch("index close has \(i.count) values for \(close.dateCount) dates")
        }
        self.close = close; self.open = open; self.high = high; self.low = low; self.volume = volume
        self.vwap = vwap; self.indexClose = indexClose
    }

    /// The fields present.
    public var fields: Set<MarketField> {
        var s: Set<MarketField> = [.close]
        if open != nil { s.insert(.open) }
        if high != nil { s.insert(.high) }
        if low != nil { s.insert(.low) }
        if volume != nil { s.insert(.volume) }
        if vwap != nil { s.insert(.vwap) }
        if indexClose != nil { s.insert(.indexClose) }
        return s
    }

    /// The OHLCV (and `vwap`) fields of `panel` (fields with no finite value count as absent) with an
    /// optional index close series aligned to its dates.
    public init(panel: MarketPanel, indexClose: [Double]? = nil) throws {
        func field(_ name: String) throws -> Panel? {
            guard let v = panel.fields[name], v.contains(where: { $0.isFinite }) else { return nil }
            return try Panel(dates: panel.dates, assets: panel.tickers, columnMajor: v)
        }
        guard let close = try field("close") else { throw PanelError.labelMismatch("the panel has no close prices") }
        try self.init(close: close, open: field("open"), high: field("high"), low: field("low"), volume: field("volume"),
                      vwap: field("vwap"), indexClose: indexClose)
    }

    /// Reads a long-format OHLCV CSV (`date,ticker,open,high,low,close,volume`) through
    /// ``MarketDataLoader`` (the one long-format reader, with its validation); columns other than
    /// `close` are optional and used when present.
    public static func readLong(_ table: CSVTable) throws -> MarketData {
        try MarketData(panel: MarketDataLoader.load(table: table).panel)
    }

    /// A copy with an index close series aligned by date from (date, close) pairs.
    public func withIndex(dates: [String], closes: [Double]) throws -> MarketData {
        precondition(dates.count == closes.count, "withIndex: \(dates.count) dates vs \(closes.count) closes")
        let m = Dictionary(zip(dates, closes), uniquingKeysWith: { a, _ in a })
        return try MarketData(close: close, open: open, high: high, low: low, volume: volume,
                              vwap: vwap, indexClose: close.dates.map { m[$0] ?? .nan })
    }
}
