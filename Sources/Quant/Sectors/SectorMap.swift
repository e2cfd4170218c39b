/// The classification level a ``GroupCodes`` is built for.
public enum SectorLevel: String, Sendable, CaseIterable {
    /// The `sector` column.
    case sector
    /// The optional `industry` column.
    case industry
}

/// One row of a sector map: the classification of a ticker, over a date range in the dated format.
public struct SectorAssignment: Sendable, Equatable {
    /// The ticker.
    public var ticker: String
    /// First date the row applies to (inclusive); `nil` in the static format (always).
    public var start: String?
    /// Last date the row applies to (inclusive); `nil` when open-ended or in the static format.
    public var end: String?
    /// The sector name.
    public var sector: String
    /// The industry name, `nil` when the file has no `industry` column or the cell is empty.
    public var industry: String?
    /// The 1-based line of the row in its file (0 for rows built in code).
    public var line: Int

    /// Creates an assignment.
    public init(ticker: String, start: String? = nil, end: String? = nil, sector: String, industry: String? = nil, line: Int = 0) {
        self.ticker = ticker; self.start = start; self.end = end
        self.sector = sector; self.industry = industry; self.line = line
    }

    /// Whether the row applies on `date` (`yyyy-MM-dd`).
    public func applies(on date: String) -> Bool {
        if let start, date < start { return false }
        if let end, date > end { return false }
        return true
    }
}

/// A validated sector (and optional industry) classification, static (`ticker,sector[,industry]`)
/// or dated (`ticker,start,end,sector[,industry]`, for reclassifications); see Docs/Fundamentals.md.
///
/// Load with ``SectorMapLoader``; turn into per-(asset, date) codes with ``codes(dates:tickers:level:)``.
public struct SectorMap: Sendable, Equatable {
    /// Where the map came from (labels messages).
    public var path: String
    /// Whether rows carry date ranges.
    public var isDated: Bool
    /// Whether the file has an `industry` column.
    public var hasIndustry: Bool
    /// The rows in file order (unknown tickers included; they match no asset).
    public var assignments: [SectorAssignment]
    /// Tolerated defects, one line each (`path:line: …`): tickers not in the price panel.
    public var warnings: [String]

    /// Creates a map from rows.
    public init(path: String = "<memory>", isDated: Bool, hasIndustry: Bool, assignments: [SectorAssignment], warnings: [String] = []) {
        self.path = path; self.isDated = isDated; self.hasIndustry = hasIndustry
        self.assignments = assignments; self.warnings = warnings
    }
}

/// Per-(asset, date) group codes in the asset-major ``PanelLayout`` with the code → name table.
///
/// Codes index ``names``; ``unknown`` (−1) marks an asset with no classification on that date.
public struct GroupCodes: Sendable, Equatable {
    /// The code of "no group".
    public static let unknown = -1
    /// Group names; code `c` is `names[c]` (sorted, so codes do not depend on row order).
    public var names: [String]
    /// One code per (asset, date), `codes[asset * dateCount + date]`.
    public var codes: [Int]
    /// The layout of ``codes``.
    public var layout: PanelLayout

    /// Creates codes. Precondition: `codes.count == layout.count`, every code in −1..<names.count.
    public init(names: [String], codes: [Int], layout: PanelLayout) {
        precondition(codes.count == layout.count, "GroupCodes: \(codes.count) codes for layout \(layout.assetCount)×\(layout.dateCount)")
        precondition(codes.allSatisfy { $0 >= -1 && $0 < names.count }, "GroupCodes: code outside -1..<\(names.count)")
        self.names = names; self.codes = codes; self.layout = layout
    }

    /// The code of (asset, date).
    public func code(asset: Int, date: Int) -> Int { codes[layout.index(asset: asset, date: date)] }
}
