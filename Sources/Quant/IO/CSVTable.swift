import CSV
import Foundation

/// A problem with a CSV file supplied by the user.
public enum CSVTableError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not exist or cannot be opened.
    case cannotOpen(path: String)
    /// The file has no header row or no data rows.
    case empty(path: String)
    /// The file is not well-formed CSV (e.g. an unterminated quote).
    case malformed(path: String, reason: String)
    /// A required column is absent from the header.
    case missingColumn(path: String, column: String)
    /// The header names the same column twice.
    case duplicateColumn(path: String, column: String)
    /// A data row has a different number of fields from the header.
    case raggedRow(path: String, line: Int, expected: Int, found: Int)
    /// A field that must be numeric is not a number.
    case unparsableNumber(path: String, line: Int, column: String, text: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path): return "\(path): cannot open file"
        case let .empty(path): return "\(path): file is empty (no header or no data rows)"
        case let .malformed(path, reason): return "\(path): malformed CSV: \(reason)"
        case let .missingColumn(path, column): return "\(path): missing column '\(column)'"
        case let .duplicateColumn(path, column): return "\(path): column '\(column)' appears twice in the header"
        case let .raggedRow(path, line, expected, found):
            return "\(path):\(line): expected \(expected) fields, found \(found)"
        case let .unparsableNumber(path, line, column, text):
            return "\(path):\(line): column '\(column)': '\(text)' is not a number"
        }
    }
}

/// A CSV file held in memory as text fields, with a header row.
///
/// Parsing (quotes, embedded commas and newlines) is done by CSV.swift; this
/// type adds what research code needs on top: column lookup by name, typed
/// errors that name the file, line and column, and numeric conversion where an
/// empty field, `NaN`, `NA` or `null` reads as a missing value (`.nan`).
public struct CSVTable: Sendable {
    /// Where the table was read from (used in error messages).
    public let path: String
    /// The column names, trimmed of surrounding white space.
    public let header: [String]
    /// The data rows; every row has `header.count` fields.
    public let rows: [[String]]

    /// Parses CSV text. `path` only labels errors.
    public init(text: String, path: String = "<text>") throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw CSVTableError.malformed(path: path, reason: "\(error)")
        }
        try self.init(reader: reader, path: path)
    }

    /// Reads and parses the CSV file at `path`.
    ///
    /// Files without any `"` are split directly (fast path: plain `,`-separated fields, `\n` or
    /// `\r\n` line ends, fields trimmed); files with quotes go through CSV.swift's full parser.
    /// Both paths apply the same checks and errors.
    public init(contentsOf path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw CSVTableError.cannotOpen(path: path)
        }
        if data.contains(UInt8(ascii: "\"")) {
            guard let text = String(data: data, encoding: .utf8) else {
                throw CSVTableError.malformed(path: path, reason: "not UTF-8 text")
            }
            try self.init(text: text, path: path)
            return
        }
        guard String.validUTF8(data) else {
            throw CSVTableError.malformed(path: path, reason: "not UTF-8 text")
        }
        // Byte-level split: no quotes means ',' and '\n' are always separators.
        var header: [String] = []
        var rows: [[String]] = []
        var lineNumbers: [Int] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            let n = b.count
            func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
            func field(_ lo: Int, _ hi: Int) -> String {
                var l = lo, h = hi
                while l < h && isSpace(b[l]) { l += 1 }
                while h > l && isSpace(b[h - 1]) { h -= 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: b[l..<h]), as: UTF8.self)
            }
            var line = 1, start = 0
            var width = 8
            while start < n || (start == n && line == 1) {
                var end = start
                while end < n && b[end] != 0x0A { end += 1 }
                var row: [String] = []
                row.reserveCapacity(width)
                var f = start
                for i in start..<end where b[i] == 0x2C { row.append(field(f, i)); f = i + 1 }
                row.append(field(f, end))
                if line == 1 { header = row; width = row.count }
                else if !(row.count == 1 && row[0].isEmpty) { rows.append(row); lineNumbers.append(line) }
                line += 1
                start = end + 1
                if end >= n { break }
            }
        }
        try self.init(header: header, rows: rows, lineNumbers: lineNumbers, path: path)
    }

    private init(header: [String], rows: [[String]], lineNumbers: [Int], path: String) throws {
        guard !(header.count == 1 && header[0].isEmpty) else { throw CSVTableError.empty(path: path) }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw CSVTableError.duplicateColumn(path: path, column: name)
        }
        for (row, line) in zip(rows, lineNumbers) where row.count != header.count {
            throw CSVTableError.raggedRow(path: path, line: line, expected: header.count, found: row.count)
        }
        guard !rows.isEmpty else { throw CSVTableError.empty(path: path) }
        self.path = path
        self.header = header
        self.rows = rows
    }

    private init(reader: CSVReader, path: String) throws {
        guard let header = reader.headerRow, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVTableError.empty(path: path)
        }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw CSVTableError.duplicateColumn(path: path, column: name)
        }
        var rows: [[String]] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }  // blank line
            guard row.count == header.count else {
                throw CSVTableError.raggedRow(path: path, line: line, expected: header.count, found: row.count)
            }
            rows.append(row)
        }
        if let error = reader.error {
            throw CSVTableError.malformed(path: path, reason: "\(error)")
        }
        guard !rows.isEmpty else { throw CSVTableError.empty(path: path) }
        self.path = path
        self.header = header
        self.rows = rows
    }

    /// The position of column `name` in the header.
    public func columnIndex(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw CSVTableError.missingColumn(path: path, column: name)
        }
        return index
    }

    /// The text fields of column `name`.
    public func column(_ name: String) throws -> [String] {
        let index = try columnIndex(name)
        return rows.map { $0[index] }
    }

    /// The 1-based line number of data row `row` in the file (the header is line 1;
    /// exact when fields hold no embedded newlines and the file has no blank lines).
    public func lineNumber(ofRow row: Int) -> Int { row + 2 }

    /// Column `name` as numbers. Empty fields and `NaN`/`NA`/`null` read as `.nan`;
    /// `inf`, `-inf` are accepted; anything else throws ``CSVTableError/unparsableNumber(path:line:column:text:)``.
    public func numericColumn(_ name: String) throws -> [Double] {
        let index = try columnIndex(name)
        return try rows.indices.map { row in
            try Self.parseNumber(rows[row][index]) ?? {
                throw CSVTableError.unparsableNumber(path: path, line: lineNumber(ofRow: row),
                                                column: name, text: rows[row][index])
            }()
        }
    }

    /// Parses one numeric field; `nil` when it is not a number (missing markers give `.nan`).
    public static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "", "NaN", "nan", "NA", "N/A", "null", "NULL": return .nan
        default: return Double(text)
        }
    }
}

extension String {
    /// Whether `data` is valid UTF-8 (checked without building a String).
    fileprivate static func validUTF8(_ data: Data) -> Bool {
        var it = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
