import CSV
import Foundation
import Synchronization

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

/// A CSV file held in memory, with a header row.
///
/// Quote-free files (the common case for market data) are kept as their bytes plus the trimmed
/// byte range of every field, so numeric columns are parsed without building a `[[String]]`;
/// files with quotes go through CSV.swift's full parser (quotes, embedded commas and newlines).
/// On top of either, this type gives column lookup by name, typed errors that name the file,
/// line and column, and numeric conversion where an empty field, `NaN`, `NA` or `null` reads
/// as a missing value (`.nan`). A UTF-8 byte-order mark at the start of the file is ignored.
public struct CSVTable: Sendable {
    /// Where the table was read from (used in error messages).
    public let path: String
    /// The column names, trimmed of surrounding white space.
    public let header: [String]
    /// The number of data rows (blank lines are not rows).
    public var rowCount: Int { lines.count }
    /// The data rows as text; every row has `header.count` fields.
    ///
    /// Built on first use and cached (shared by copies of the table); prefer ``numbers(atColumn:)``,
    /// ``internedColumn(atColumn:)`` or ``field(row:column:)`` on large files.
    public var rows: [[String]] { storage.rows }

    private let storage: Storage
    /// 1-based file line of each data row.
    private let lines: [Int]

    /// Parses CSV text. `path` only labels errors.
    public init(text: String, path: String = "<text>") throws {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text = String(text.unicodeScalars.dropFirst()) }
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
    /// Files without any `"` are split at byte level (plain `,`-separated fields, `\n` or `\r\n`
    /// line ends, fields trimmed of spaces, tabs and `\r`); files with quotes go through CSV.swift's
    /// full parser. Both paths apply the same checks and errors.
    public init(contentsOf path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path),
              var data = FileManager.default.contents(atPath: path) else {
            throw CSVTableError.cannotOpen(path: path)
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        let bytes = [UInt8](data)
        let hasQuote = bytes.withUnsafeBytes { raw in
            raw.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\"")), raw.count) != nil } ?? false
        }
        if hasQuote {
            guard let text = String(data: data, encoding: .utf8) else {
                throw CSVTableError.malformed(path: path, reason: "not UTF-8 text")
            }
            try self.init(text: text, path: path)
            return
        }
        guard Self.isValidUTF8(bytes) else {
            throw CSVTableError.malformed(path: path, reason: "not UTF-8 text")
        }
        guard bytes.count < Int(UInt32.max) else {
            throw CSVTableError.malformed(path: path, reason: "quote-free files must be smaller than 4 GiB")
        }
        let split = try ByteFields.split(bytes, path: path)
        self.init(path: path, header: split.header, lines: split.lines, storage: Storage(.bytes(split.fields)))
    }

    private init(path: String, header: [String], lines: [Int], storage: Storage) {
        self.path = path
        self.header = header
        self.lines = lines
        self.storage = storage
    }

    private init(reader: CSVReader, path: String) throws {
        guard let header = reader.headerRow, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVTableError.empty(path: path)
        }
        try Self.checkHeader(header, path: path)
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }  // blank line
            guard row.count == header.count else {
                throw CSVTableError.raggedRow(path: path, line: line, expected: header.count, found: row.count)
            }
            rows.append(row)
            lines.append(line)
        }
        if let error = reader.error {
            throw CSVTableError.malformed(path: path, reason: "\(error)")
        }
        guard !rows.isEmpty else { throw CSVTableError.empty(path: path) }
        self.path = path
        self.header = header
        self.lines = lines
        self.storage = Storage(.strings(rows))
    }

    fileprivate static func checkHeader(_ header: [String], path: String) throws {
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw CSVTableError.duplicateColumn(path: path, column: name)
        }
    }

    /// The position of column `name` in the header.
    public func columnIndex(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw CSVTableError.missingColumn(path: path, column: name)
        }
        return index
    }

    /// The text of one field. Precondition: `row < rowCount`, `column < header.count`.
    public func field(row: Int, column: Int) -> String {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < header.count,
                     "CSVTable.field: (row \(row), column \(column)) outside \(rowCount) × \(header.count)")
        switch storage.content {
        case let .strings(rows): return rows[row][column]
        case let .bytes(f): return f.string(f.width * row + column)
        }
    }

    /// The text fields of column `name`.
    public func column(_ name: String) throws -> [String] {
        let index = try columnIndex(name)
        switch storage.content {
        case let .strings(rows): return rows.map { $0[index] }
        case let .bytes(f): return (0..<rowCount).map { f.string(f.width * $0 + index) }
        }
    }

    /// The 1-based line number of data row `row` in the file (the header is line 1). Exact with
    /// blank lines and `\r\n` ends; in quoted files a field with embedded line breaks counts as one line.
    public func lineNumber(ofRow row: Int) -> Int { lines[row] }

    /// Column `name` as numbers. Empty fields and `NaN`/`NA`/`null` read as `.nan`;
    /// `inf`, `-inf` are accepted; anything else throws ``CSVTableError/unparsableNumber(path:line:column:text:)``
    /// naming the first such row.
    public func numericColumn(_ name: String) throws -> [Double] {
        let index = try columnIndex(name)
        let parsed = numbers(atColumn: index)
        var out = [Double](repeating: .nan, count: parsed.count)
        for (row, value) in parsed.enumerated() {
            guard let value else {
                throw CSVTableError.unparsableNumber(path: path, line: lineNumber(ofRow: row), column: name,
                                                     text: field(row: row, column: index))
            }
            out[row] = value
        }
        return out
    }

    /// Column `index` parsed with ``parseNumber(_:)``: `nil` where a field is not a number (the caller
    /// decides which error to raise), `.nan` for missing markers. Quote-free files are parsed from
    /// their bytes without keeping a `String` per field.
    public func numbers(atColumn index: Int) -> [Double?] {
        precondition(index >= 0 && index < header.count, "CSVTable.numbers: column \(index) outside \(header.count)")
        switch storage.content {
        case let .strings(rows): return rows.map { Self.parseNumber($0[index]) }
        case let .bytes(f): return (0..<rowCount).map { f.number(f.width * $0 + index) }
        }
    }

    /// Column `index` as codes into its distinct values (in order of first appearance): repeated
    /// text (dates, tickers) becomes one `String` per distinct value. Distinct means `!=` as Swift
    /// strings, so `values[codes[r]] == field(row: r, column: index)` for every row.
    public func internedColumn(atColumn index: Int) -> InternedColumn {
        precondition(index >= 0 && index < header.count, "CSVTable.internedColumn: column \(index) outside \(header.count)")
        var values: [String] = [], codes = [Int](repeating: 0, count: rowCount)
        var lookup: [String: Int] = [:]
        func intern(_ s: String) -> Int {
            if let c = lookup[s] { return c }
            lookup[s] = values.count
            values.append(s)
            return values.count - 1
        }
        switch storage.content {
        case let .strings(rows):
            for r in rows.indices { codes[r] = intern(rows[r][index]) }
        case let .bytes(f):
            for r in 0..<rowCount {
                // Sorted long files repeat a value on consecutive rows: compare bytes before hashing.
                if r > 0, f.sameBytes(f.width * r + index, f.width * (r - 1) + index) { codes[r] = codes[r - 1]; continue }
                codes[r] = intern(f.string(f.width * r + index))
            }
        }
        return InternedColumn(values: values, codes: codes)
    }

    /// Parses one numeric field; `nil` when it is not a number (missing markers give `.nan`).
    public static func parseNumber(_ text: String) -> Double? {
        switch text {
        case "", "NaN", "nan", "NA", "N/A", "null", "NULL": return .nan
        default: return Double(text)
        }
    }

    /// Whether `bytes` is valid UTF-8 (ASCII checked first, without building a String).
    fileprivate static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var high: UInt8 = 0
        for b in bytes { high |= b }
        if high < 0x80 { return true }
        var it = bytes.makeIterator()
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

/// A text column as distinct values and per-row codes (see ``CSVTable/internedColumn(atColumn:)``).
public struct InternedColumn: Sendable, Equatable {
    /// The distinct values, in order of first appearance.
    public var values: [String]
    /// For each row, the index of its value in ``values``.
    public var codes: [Int]
}

extension CSVTable {
    /// Shared, immutable field storage plus the lazily built `[[String]]` view.
    fileprivate final class Storage: Sendable {
        enum Content: Sendable {
            case strings([[String]])
            case bytes(ByteFields)
        }
        let content: Content
        private let cachedRows = Mutex<[[String]]?>(nil)

        init(_ content: Content) { self.content = content }

        var rows: [[String]] {
            switch content {
            case let .strings(rows): return rows
            case let .bytes(f):
                return cachedRows.withLock { cache in
                    if let cache { return cache }
                    let rows = (0..<f.rowCount).map { r in (0..<f.width).map { f.string(f.width * r + $0) } }
                    cache = rows
                    return rows
                }
            }
        }
    }

    /// A quote-free file: its bytes and the trimmed byte range of each field, row-major.
    fileprivate struct ByteFields: Sendable {
        let bytes: [UInt8]
        let starts: [UInt32]
        let ends: [UInt32]
        let width: Int
        var rowCount: Int { width == 0 ? 0 : starts.count / width }

        func string(_ i: Int) -> String {
            bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(starts[i])..<Int(ends[i])]), as: UTF8.self)
            }
        }

        /// `CSVTable.parseNumber` of the field. Plain decimals (`-?d+(.d+)?`, at most 15 digits) take
        /// Clinger's exact fast path: the digits form an integer m < 10^15 < 2^53 and 10^f (f ≤ 15) is
        /// exact too, so the correctly rounded quotient m / 10^f is the correctly rounded value of the
        /// text — the same Double that `Double(String)` returns. Anything else goes through `Double(String)`
        /// (short fields become small, allocation-free strings).
        func number(_ i: Int) -> Double? {
            let lo = Int(starts[i]), hi = Int(ends[i])
            if lo == hi { return .nan }
            if let v = bytes.withUnsafeBufferPointer({ Self.plainDecimal($0, lo, hi) }) { return v }
            return CSVTable.parseNumber(string(i))
        }

        /// Exact powers of ten 10^0 … 10^15.
        private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

        /// The value of `b[lo..<hi]` when it is a plain decimal with ≤ 15 digits, else `nil`.
        @inline(__always)
        static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Double? {
            var i = lo
            let negative = b[i] == 0x2D
            if negative { i += 1 }
            var m: UInt64 = 0, digits = 0, integerDigits = 0, fractionDigits = 0, seenDot = false
            while i < hi {
                let c = b[i] &- 0x30
                if c < 10 {
                    m = m &* 10 &+ UInt64(c)
                    digits += 1
                    if seenDot { fractionDigits += 1 } else { integerDigits += 1 }
                } else if b[i] == 0x2E && !seenDot {
                    seenDot = true
                } else {
                    return nil
                }
                i += 1
            }
            guard digits <= 15, integerDigits > 0, !seenDot || fractionDigits > 0 else { return nil }
            let v = Double(m) / powersOfTen[fractionDigits]
            return negative ? -v : v
        }

        func sameBytes(_ i: Int, _ j: Int) -> Bool {
            let n = ends[i] - starts[i]
            guard n == ends[j] - starts[j] else { return false }
            return bytes.withUnsafeBufferPointer { b in
                memcmp(b.baseAddress! + Int(starts[i]), b.baseAddress! + Int(starts[j]), Int(n)) == 0
            }
        }

        /// Splits `bytes` (no quotes, valid UTF-8) into header and fields, with the same checks
        /// and in the same order as the quoted path: empty header, duplicate column, ragged row,
        /// no data rows.
        static func split(_ bytes: [UInt8], path: String) throws -> (header: [String], lines: [Int], fields: ByteFields) {
            try bytes.withUnsafeBufferPointer { b in
                let n = b.count
                @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }
                // Header: line 1.
                var end = 0
                while end < n && b[end] != 0x0A { end += 1 }
                var header: [String] = []
                var f = 0
                func trimmed(_ lo: Int, _ hi: Int) -> (Int, Int) {
                    var l = lo, h = hi
                    while l < h && isSpace(b[l]) { l += 1 }
                    while h > l && isSpace(b[h - 1]) { h -= 1 }
                    return (l, h)
                }
                for i in 0...end where i == end || b[i] == 0x2C {
                    let (l, h) = trimmed(f, i)
                    header.append(String(decoding: UnsafeBufferPointer(rebasing: b[l..<h]), as: UTF8.self))
                    f = i + 1
                }
                if header.count == 1 && header[0].isEmpty { throw CSVTableError.empty(path: path) }
                try CSVTable.checkHeader(header, path: path)
                let width = header.count
                var starts: [UInt32] = [], ends: [UInt32] = [], lines: [Int] = []
                let estimate = n / max(1, end + 1) + 16
                starts.reserveCapacity(estimate * width); ends.reserveCapacity(estimate * width)
                lines.reserveCapacity(estimate)
                var line = 2, start = end + 1
                while start < n {
                    let rowBase = starts.count
                    var fieldStart = start, i = start, found = 0
                    while true {
                        let atEnd = i == n || b[i] == 0x0A
                        if atEnd || b[i] == 0x2C {
                            let (l, h) = trimmed(fieldStart, i)
                            found += 1
                            if found <= width { starts.append(UInt32(l)); ends.append(UInt32(h)) }
                            fieldStart = i + 1
                            if atEnd { break }
                        }
                        i += 1
                    }
                    if found == 1 && starts[rowBase] == ends[rowBase] {
                        starts.removeLast(); ends.removeLast()  // blank line
                    } else if found != width {
                        throw CSVTableError.raggedRow(path: path, line: line, expected: width, found: found)
                    } else {
                        lines.append(line)
                    }
                    line += 1
                    start = i + 1
                }
                guard !lines.isEmpty else { throw CSVTableError.empty(path: path) }
                return (header, lines, ByteFields(bytes: bytes, starts: starts, ends: ends, width: width))
            }
        }
    }
}
