import Foundation
import Testing
@testable import Quant

/// `CSVTable`: the byte-level path (quote-free files) and CSV.swift's path (quoted files) give the
/// same fields, exact line numbers and the same typed errors.
@Suite struct CSVTableTests {
    /// Writes `bytes` to a fresh temporary file and reads it back through `CSVTable(contentsOf:)`.
    func table(_ text: String, bom: Bool = false) throws -> CSVTable {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("csvtable-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var data = Data(text.utf8)
        if bom { data.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
        try data.write(to: url)
        return try CSVTable(contentsOf: url.path)
    }

    func error(_ text: String) -> CSVTableError? {
        do { _ = try table(text); return nil } catch let e as CSVTableError {
            // The file name is random: report it as "<f>".
            switch e {
            case .empty: return .empty(path: "<f>")
            case let .raggedRow(_, line, expected, found): return .raggedRow(path: "<f>", line: line, expected: expected, found: found)
            case let .duplicateColumn(_, c): return .duplicateColumn(path: "<f>", column: c)
            case let .malformed(_, r): return .malformed(path: "<f>", reason: r)
            default: return e
            }
        } catch { return nil }
    }

    @Test func quotedFieldsGoThroughTheFullParser() throws {
        let t = try table("name,x\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n")
        #expect(t.header == ["name", "x"])
        #expect(t.rows == [["a, b", "1"], ["say \"hi\"", "2"]])
        #expect(try t.numericColumn("x") == [1, 2])
        #expect(t.internedColumn(atColumn: 0).values == ["a, b", "say \"hi\""])
    }

    @Test func crlfBlankLinesAndExactLineNumbers() throws {
        let t = try table("a,b\r\n1,2\r\n\r\n  \r\n3 , 4\r\n\n5,6")  // no trailing newline
        #expect(t.rowCount == 3)
        #expect(t.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect((0..<3).map(t.lineNumber(ofRow:)) == [2, 5, 7])
        #expect(try t.numericColumn("b") == [2, 4, 6])
        #expect(try t.column("a") == ["1", "3", "5"])
        #expect(t.field(row: 1, column: 0) == "3")
    }

    @Test func quotedFileLineNumbersSkipBlankLines() throws {
        let t = try table("a,b\n\"1\",2\n\n3,4\n")
        #expect((0..<2).map(t.lineNumber(ofRow:)) == [2, 4])
    }

    @Test func raggedRowNamesItsLine() {
        #expect(error("a,b\n1,2\n\n3\n4,5\n") == .raggedRow(path: "<f>", line: 4, expected: 2, found: 1))
        #expect(error("a,b\n1,2,3\n") == .raggedRow(path: "<f>", line: 2, expected: 2, found: 3))
        // Quoted path: same error.
        #expect(error("a,b\n\"1\",2\n\n3\n") == .raggedRow(path: "<f>", line: 4, expected: 2, found: 1))
    }

    @Test func unparsableNumberNamesLineColumnAndText() throws {
        let t = try table("d,x\n2020-01-01,1.5\n\n2020-01-02,1.5x\n")
        #expect(throws: CSVTableError.unparsableNumber(path: t.path, line: 4, column: "x", text: "1.5x")) {
            try t.numericColumn("x")
        }
        #expect(t.numbers(atColumn: 1)[0] == 1.5 && t.numbers(atColumn: 1)[1] == nil)
    }

    @Test func missingMarkersAndInfinities() throws {
        let t = try table("x\n1\nNaN\nnan\nNA\nN/A\nnull\nNULL\ninf\n-inf\n,\n".replacingOccurrences(of: ",\n", with: " \n"))
        let v = try t.numericColumn("x")
        #expect(v[0] == 1)
        #expect(v[1...6].allSatisfy { $0.isNaN })
        #expect(v[7] == .infinity && v[8] == -.infinity)
        #expect(v.count == 9)  // the whitespace-only last line is blank
        let e = try table("x,y\n1,\n2, \n")
        #expect(try e.numericColumn("y").allSatisfy { $0.isNaN })
    }

    @Test func emptyAndHeaderOnlyFiles() {
        #expect(error("") == .empty(path: "<f>"))
        #expect(error("\n\n") == .empty(path: "<f>"))
        #expect(error("a,b\n") == .empty(path: "<f>"))
        #expect(error("a,b") == .empty(path: "<f>"))
        #expect(error("a,b\n\n \n") == .empty(path: "<f>"))
        #expect(error("a,a\n1,2\n") == .duplicateColumn(path: "<f>", column: "a"))
    }

    @Test func byteOrderMarkIsStripped() throws {
        let t = try table("date,x\n2020-01-01,1\n", bom: true)
        #expect(t.header == ["date", "x"])
        #expect(try t.columnIndex("date") == 0)
        let q = try table("date,x\n\"2020-01-01\",1\n", bom: true)
        #expect(q.header == ["date", "x"])
        let s = try CSVTable(text: "\u{FEFF}date,x\n2020-01-01,1\n")
        #expect(s.header == ["date", "x"])
    }

    @Test func notUTF8IsMalformed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvtable-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: url)
        #expect(throws: CSVTableError.malformed(path: url.path, reason: "not UTF-8 text")) { try CSVTable(contentsOf: url.path) }
    }

    @Test func internedColumnMatchesFields() throws {
        let t = try table("d,t\n2020-01-01,A\n2020-01-01,B\n2020-01-02,A\n2020-01-02,\n")
        let d = t.internedColumn(atColumn: 0), k = t.internedColumn(atColumn: 1)
        #expect(d == InternedColumn(values: ["2020-01-01", "2020-01-02"], codes: [0, 0, 1, 1]))
        #expect(k == InternedColumn(values: ["A", "B", ""], codes: [0, 1, 0, 2]))
        for r in 0..<t.rowCount { #expect(d.values[d.codes[r]] == t.field(row: r, column: 0)) }
    }

    /// The byte path's numbers equal the `String`-based parse (`Double(String)`) bit for bit on varied
    /// spellings, and the quoted path agrees with it.
    @Test func numbersEqualStringParse() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "+1", "1e10", "1E-300", "4.9e-324", "1.7976931348623157e308", "1e309", "0.1", "123456789012345678901234567890",
                     "0x1p-3", "1.", ".5", "-.5e+2", "-0.0", "0.000000000000001", "999999999999999", "9999999999999999", "00012.5", "-", "1.2.3", "-1-", "12a", "0.1234567890123456", "2.2250738585072011e-308", "9007199254740993", "45.07", "1824755", "abc", "1,5"]
        texts.removeLast()  // a comma would split the field
        for _ in 0..<300 {
            let v = Double.random(in: -1e6...1e6, using: &rng)
            texts.append(String(format: "%.\(Int.random(in: 0...17, using: &rng))f", v))
            texts.append("\(v)")
            texts.append(String(format: "%.4g", Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)))
        }
        let t = try table("x\n" + texts.joined(separator: "\n") + "\n")
        let fast = t.numbers(atColumn: 0)
        #expect(fast.count == texts.count)
        for (text, value) in zip(texts, fast) {
            let slow = Double(text)
            #expect(value.map(\.bitPattern) == slow.map(\.bitPattern), "\(text)")
        }
        let quoted = try CSVTable(text: "x\n" + texts.map { "\"\($0)\"" }.joined(separator: "\n") + "\n")
        #expect(quoted.numbers(atColumn: 0).map { $0?.bitPattern } == fast.map { $0?.bitPattern })
    }

    @Test func rowsViewIsSharedAndConsistent() throws {
        let t = try table("a,b\n1,x\n2,y\n")
        let copy = t
        #expect(t.rows == copy.rows)
        #expect(t.rows == [["1", "x"], ["2", "y"]])
    }
}
