/// One row of a fundamentals file: the figures of one (ticker, fiscal period) as published on one date.
public struct FundamentalRecord: Sendable, Equatable {
    /// The company's ticker (one of the price panel's tickers).
    public var ticker: String
    /// The date the figures became public, `yyyy-MM-dd`.
    public var announceDate: String
    /// The last day of the fiscal period they describe, `yyyy-MM-dd`; ≤ ``announceDate``.
    public var periodEnd: String
    /// One value per ``FundamentalsTable/fields`` entry, `NaN` where the cell was empty.
    public var values: [Double]
    /// The 1-based line of the row in its file (0 for records built in code).
    public var line: Int

    /// Creates a record; `values` follow the owning table's `fields`.
    public init(ticker: String, announceDate: String, periodEnd: String, values: [Double], line: Int = 0) {
        self.ticker = ticker; self.announceDate = announceDate; self.periodEnd = periodEnd
        self.values = values; self.line = line
    }
}

/// Point-in-time fundamentals: validated records of a long CSV
/// `ticker,announce_date,period_end,<field>…` (see Docs/Fundamentals.md).
///
/// Load with ``FundamentalsLoader``; put onto a daily panel with ``asOf(dates:tickers:)``.
public struct FundamentalsTable: Sendable, Equatable {
    /// Where the records came from (labels messages).
    public var path: String
    /// The numeric field names, in header order (e.g. `eps`, `bvps`, `revenue`).
    public var fields: [String]
    /// The records in file order.
    public var records: [FundamentalRecord]

    /// Creates a table from records whose `values` follow `fields`.
    ///
    /// - Precondition: every record has `fields.count` values (a programmer error otherwise).
    public init(path: String = "<memory>", fields: [String], records: [FundamentalRecord]) {
        for r in records {
            precondition(r.values.count == fields.count,
                         "FundamentalsTable: record of \(r.ticker) has \(r.values.count) values for \(fields.count) fields")
        }
        self.path = path; self.fields = fields; self.records = records
    }

    /// The records announced on or before `date` (what was public at the end of that day): the
    /// input of the truncation check that a join uses no later announcement.
    public func announced(through date: String) -> FundamentalsTable {
        FundamentalsTable(path: path, fields: fields, records: records.filter { $0.announceDate <= date })
    }
}
