/// A table of named columns, numbers or text, for formula regressions (the role of a pandas
/// DataFrame in `statsmodels.formula.api.ols`).
///
/// Built from typed columns, or from text fields (e.g. a CSV file) where each column's type
/// is inferred: numeric when every field is a number or a missing marker (empty, `NaN`, `NA`,
/// `N/A`, `null`), text when no field is a number. A column mixing both is kept as text but
/// remembered: using it as numbers (in a formula, `--x`, or the default regressor list) throws
/// ``FormulaError/nonNumericValue(column:source:line:text:)`` naming the first offending line,
/// instead of silently dropping the regressor.
public struct RegressionData: Sendable {
    /// One column's values.
    public enum Column: Sendable, Equatable {
        /// Numbers (NaN for a missing value).
        case numeric([Double])
        /// Text (used as a categorical factor).
        case text([String])

        var count: Int {
            switch self {
            case let .numeric(v): return v.count
            case let .text(v): return v.count
            }
        }
    }

    /// Column names in table order.
    public let names: [String]
    /// Number of rows.
    public let rows: Int
    /// Where the data came from (a file path), used in error messages.
    public let source: String
    private let columns: [String: Column]
    /// 1-based file line of each row (nil: rows are reported 1-based).
    private let lines: [Int]?
    /// Mixed columns: the first row whose field is not a number.
    private let firstNonNumeric: [String: Int]

    /// A table from typed columns (all of one length, names unique).
    public init(columns: [(name: String, values: Column)], source: String = "<data>") throws {
        let n = columns.first?.values.count ?? 0
        var map: [String: Column] = [:]
        for (name, values) in columns {
            guard values.count == n else {
                throw FormulaError.invalid("column '\(name)' has \(values.count) rows, expected \(n)")
            }
            guard map.updateValue(values, forKey: name) == nil else {
                throw FormulaError.invalid("column '\(name)' appears twice")
            }
        }
        self.names = columns.map(\.name)
        self.rows = n
        self.source = source
        self.columns = map
        self.lines = nil
        self.firstNonNumeric = [:]
    }

    /// A table from text fields: `fields[j]` is column `header[j]` (every column of one length),
    /// `lines[i]` the 1-based file line of row `i` (for messages). Types are inferred (see above).
    public init(header: [String], fields: [[String]], source: String, lines: [Int]? = nil) throws {
        guard header.count == fields.count else {
            throw FormulaError.invalid("\(source): \(header.count) column names for \(fields.count) columns")
        }
        let n = fields.first?.count ?? 0
        if let lines, lines.count != n {
            throw FormulaError.invalid("\(source): \(lines.count) line numbers for \(n) rows")
        }
        guard Set(header).count == header.count else {
            throw FormulaError.invalid("\(source): a column name appears twice in the header")
        }
        var map: [String: Column] = [:], mixed: [String: Int] = [:]
        for (name, column) in zip(header, fields) {
            guard column.count == n else {
                throw FormulaError.invalid("\(source): column '\(name)' has \(column.count) rows, expected \(n)")
            }
            var numbers = [Double](repeating: .nan, count: n)
            var firstText: Int? = nil, sawNumber = false
            for (i, field) in column.enumerated() {
                if let v = Self.parseNumber(field) {
                    numbers[i] = v
                    if !v.isNaN { sawNumber = true }
                } else if firstText == nil {
                    firstText = i
                }
            }
            if let firstText {
                if sawNumber { mixed[name] = firstText }
                map[name] = .text(column)
            } else {
                map[name] = .numeric(numbers)
            }
        }
        self.names = header
        self.rows = n
        self.source = source
        self.columns = map
        self.lines = lines
        self.firstNonNumeric = mixed
    }

    /// Parses one field: a number, NaN for a missing marker, nil for text.
    public static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "", "NaN", "nan", "NA", "N/A", "null", "NULL": return .nan
        default: return Double(text)
        }
    }

    /// Whether the table has a column `name`.
    public func contains(_ name: String) -> Bool { columns[name] != nil }

    /// Column `name` as stored.
    public func column(_ name: String) throws -> Column {
        guard let c = columns[name] else {
            throw FormulaError.unknownColumn(name: name, formula: nil, position: nil, available: names)
        }
        return c
    }

    /// Column `name` as numbers: throws for an unknown column, a text column, or a mixed column
    /// (naming the first field that is not a number).
    public func numbers(_ name: String) throws -> [Double] {
        switch try column(name) {
        case let .numeric(v): return v
        case let .text(v):
            if let row = firstNonNumeric[name] {
                throw FormulaError.nonNumericValue(column: name, source: source, line: line(ofRow: row), text: v[row])
            }
            throw FormulaError.textColumn(name: name)
        }
    }

    /// Whether column `name` holds numbers only (missing markers allowed).
    public func isNumeric(_ name: String) -> Bool {
        if case .numeric = columns[name] { return true }
        return false
    }

    /// Whether column `name` mixes numbers and text (a numeric column with a stray text field).
    public func isMixed(_ name: String) -> Bool { firstNonNumeric[name] != nil }

    /// The file line of row `row` (1-based row number when no lines were given).
    public func line(ofRow row: Int) -> Int { lines?[row] ?? row + 1 }

    /// Throws ``FormulaError/nonFiniteValue(column:source:line:value:)`` for the first non-finite entry.
    func requireFinite(_ values: [Double], label: String) throws {
        for (i, v) in values.enumerated() where !v.isFinite {
            throw FormulaError.nonFiniteValue(column: label, source: source, line: line(ofRow: i), value: v)
        }
    }
}
