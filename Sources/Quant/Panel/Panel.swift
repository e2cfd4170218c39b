/// A problem with the labels or shape of a panel.
public enum PanelError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Date labels are not strictly increasing (unsorted or repeated).
    case unsortedDates(previous: String, next: String)
    /// An asset label appears twice.
    case duplicateAsset(String)
    /// The number of values does not equal dates × assets.
    case shapeMismatch(dates: Int, assets: Int, values: Int)
    /// Two panels that must share labels do not.
    case labelMismatch(String)
    /// A (date, asset) pair appears twice in a long-format file.
    case duplicateKey(path: String, line: Int, date: String, asset: String)
    /// A date field is not an ISO date (`YYYY-MM-DD`, optionally followed by a time).
    case unparsableDate(path: String, line: Int, text: String)
    /// The long-format file has neither a `ticker` nor an `asset` column.
    case missingAssetColumn(path: String)

    public var description: String {
        switch self {
        case let .unsortedDates(p, n): return "dates must be strictly increasing: '\(n)' follows '\(p)'"
        case let .duplicateAsset(a): return "asset '\(a)' appears twice"
        case let .shapeMismatch(d, a, v): return "\(d) dates × \(a) assets needs \(d * a) values, got \(v)"
        case let .labelMismatch(s): return "panel labels differ: \(s)"
        case let .duplicateKey(path, line, date, asset):
            return "\(path):\(line): duplicate row for date '\(date)' and asset '\(asset)'"
        case let .unparsableDate(path, line, text): return "\(path):\(line): '\(text)' is not an ISO date (YYYY-MM-DD)"
        case let .missingAssetColumn(path): return "\(path): needs a 'ticker' or 'asset' column"
        }
    }
}

/// A dates × assets matrix of `Double` (NaN = missing) with sorted date labels and asset labels.
///
/// Storage is **column-major per asset**: the time series of asset `a` is the contiguous slice
/// `values[a*dateCount ..< (a+1)*dateCount]`. Time-series work (returns, rolling factors,
/// interpolation) therefore runs on contiguous memory; a cross-section (one date, all assets)
/// is a strided gather (``crossSection(_:)``), and ``rowMajorValues()`` transposes the whole
/// panel once (cache-blocked) for per-date work such as cross-sectional IC.
///
/// Dates are ISO-8601 strings (`YYYY-MM-DD`…), which sort chronologically as text; the
/// initialisers require them strictly increasing.
public struct Panel: Sendable, Equatable {
    /// Date labels, strictly increasing.
    public let dates: [String]
    /// Asset labels, unique (order is the caller's; long-format readers sort them).
    public let assets: [String]
    /// Values, column-major per asset: `values[asset * dates.count + date]`.
    public var values: [Double]

    /// Number of dates (rows).
    public var dateCount: Int { dates.count }
    /// Number of assets (columns).
    public var assetCount: Int { assets.count }

    /// A panel from column-major values (`values[asset * dates.count + date]`).
    public init(dates: [String], assets: [String], columnMajor values: [Double]) throws {
        try Panel.validate(dates: dates, assets: assets)
        guard values.count == dates.count * assets.count else {
            throw PanelError.shapeMismatch(dates: dates.count, assets: assets.count, values: values.count)
        }
        self.dates = dates; self.assets = assets; self.values = values
    }

    /// A panel from row-major values (`values[date * assets.count + asset]`, one row per date).
    public init(dates: [String], assets: [String], rowMajor values: [Double]) throws {
        guard values.count == dates.count * assets.count else {
            throw PanelError.shapeMismatch(dates: dates.count, assets: assets.count, values: values.count)
        }
        try self.init(dates: dates, assets: assets,
                      columnMajor: Panel.transpose(values, rows: dates.count, columns: assets.count))
    }

    /// A panel with every cell set to `fill` (NaN by default).
    public init(dates: [String], assets: [String], fill: Double = .nan) throws {
        try self.init(dates: dates, assets: assets, columnMajor: [Double](repeating: fill, count: dates.count * assets.count))
    }

    /// Same labels as `template`, new column-major values (unchecked labels: already valid).
    public init(like template: Panel, columnMajor values: [Double]) {
        precondition(values.count == template.values.count,
                     "Panel(like:): \(values.count) values for a \(template.dateCount)×\(template.assetCount) panel")
        self.dates = template.dates; self.assets = template.assets; self.values = values
    }

    static func validate(dates: [String], assets: [String]) throws {
        for i in dates.indices.dropFirst() where !(dates[i - 1] < dates[i]) {
            throw PanelError.unsortedDates(previous: dates[i - 1], next: dates[i])
        }
        var seen = Set<String>()
        for a in assets where !seen.insert(a).inserted { throw PanelError.duplicateAsset(a) }
    }

    /// The value at (`date`, `asset`) indices.
    public subscript(date: Int, asset: Int) -> Double {
        get { values[asset * dates.count + date] }
        set { values[asset * dates.count + date] = newValue }
    }

    /// Position of a date label (binary search), or nil.
    public func dateIndex(_ date: String) -> Int? {
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dates[mid] < date { lo = mid + 1 } else { hi = mid }
        }
        return lo < dates.count && dates[lo] == date ? lo : nil
    }

    /// Position of an asset label, or nil.
    public func assetIndex(_ asset: String) -> Int? { assets.firstIndex(of: asset) }

    /// The time series of asset `a` (contiguous, no copy).
    public func series(_ a: Int) -> ArraySlice<Double> {
        values[(a * dates.count)..<((a + 1) * dates.count)]
    }

    /// The cross-section at date `t` (one value per asset; a strided gather).
    public func crossSection(_ t: Int) -> [Double] {
        let n = dates.count
        return (0..<assets.count).map { values[$0 * n + t] }
    }

    /// All values row-major (`[date * assetCount + asset]`), for per-date work.
    public func rowMajorValues() -> [Double] {
        Panel.transpose(values, rows: assets.count, columns: dates.count)
    }

    /// A new panel applying `transform` to every asset's time series (must keep its length).
    public func mapSeries(_ transform: (ArraySlice<Double>) throws -> [Double]) rethrows -> Panel {
        var out = [Double]()
        out.reserveCapacity(values.count)
        for a in 0..<assets.count {
            let r = try transform(series(a))
            precondition(r.count == dates.count, "mapSeries: transform returned \(r.count) values for \(dates.count) dates")
            out += r
        }
        return Panel(like: self, columnMajor: out)
    }

    /// A new panel applying `transform` to every cross-section (must keep its length).
    public func mapCrossSections(_ transform: ([Double]) throws -> [Double]) rethrows -> Panel {
        var out = values
        let n = dates.count
        for t in 0..<n {
            let r = try transform(crossSection(t))
            precondition(r.count == assets.count, "mapCrossSections: transform returned \(r.count) values for \(assets.count) assets")
            for a in 0..<assets.count { out[a * n + t] = r[a] }
        }
        return Panel(like: self, columnMajor: out)
    }

    /// The sub-panel of the given label sets; labels absent from `self` become NaN columns/rows.
    public func reindexed(dates newDates: [String], assets newAssets: [String]) throws -> Panel {
        var out = try Panel(dates: newDates, assets: newAssets)
        let ai = Dictionary(uniqueKeysWithValues: assets.enumerated().map { ($1, $0) })
        let di = newDates.map { dateIndex($0) }
        for (na, name) in newAssets.enumerated() {
            guard let a = ai[name] else { continue }
            for (nt, t) in di.enumerated() { if let t { out[nt, na] = self[t, a] } }
        }
        return out
    }

    /// `self` and `other` restricted to their common dates and common assets (in `self`'s
    /// asset order), so that cells correspond one to one.
    public func aligned(with other: Panel) throws -> (Panel, Panel) {
        if dates == other.dates && assets == other.assets { return (self, other) }
        let otherDates = Set(other.dates), otherAssets = Set(other.assets)
        let d = dates.filter { otherDates.contains($0) }
        let a = assets.filter { otherAssets.contains($0) }
        return (try reindexed(dates: d, assets: a), try other.reindexed(dates: d, assets: a))
    }

    /// Whether any cell holds ±inf.
    public var containsInfinity: Bool { values.contains { $0.isInfinite } }

    /// Cache-blocked transpose of a `rows × columns` row-major matrix.
    static func transpose(_ src: [Double], rows: Int, columns: Int) -> [Double] {
        var dst = [Double](repeating: 0, count: src.count)
        let block = 64
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                var r0 = 0
                while r0 < rows {
                    let r1 = min(r0 + block, rows)
                    var c0 = 0
                    while c0 < columns {
                        let c1 = min(c0 + block, columns)
                        for r in r0..<r1 { for c in c0..<c1 { d[c * rows + r] = s[r * columns + c] } }
                        c0 = c1
                    }
                    r0 = r1
                }
            }
        }
        return dst
    }
}
