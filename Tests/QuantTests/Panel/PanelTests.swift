import Foundation
import Testing
@testable import Quant

@Suite struct PanelTests {
    @Test func layoutAndAccessors() throws {
        let p = try Panel(dates: ["2020-01-01", "2020-01-02", "2020-01-03"], assets: ["X", "Y"],
                          rowMajor: [1, 10, 2, 20, 3, 30])
        #expect(p.values == [1, 2, 3, 10, 20, 30])  // column-major per asset
        #expect(Array(p.series(1)) == [10, 20, 30])
        #expect(p.crossSection(2) == [3, 30])
        #expect(p.rowMajorValues() == [1, 10, 2, 20, 3, 30])
        #expect(p.dateIndex("2020-01-02") == 1 && p.dateIndex("2020-01-05") == nil)
        #expect(throws: PanelError.unsortedDates(previous: "2020-01-02", next: "2020-01-01")) {
            try Panel(dates: ["2020-01-02", "2020-01-01"], assets: ["X"], fill: 0)
        }
        #expect(throws: PanelError.duplicateAsset("X")) { try Panel(dates: ["2020-01-01"], assets: ["X", "X"], fill: 0) }
        #expect(throws: PanelError.self) { try Panel(dates: ["2020-01-01"], assets: ["X"], columnMajor: [1, 2]) }
    }

    @Test func longCSVRoundTrip() throws {
        let a = try Panel(dates: ["2020-01-01", "2020-01-02"], assets: ["AA", "BB"], columnMajor: [0.1 + 0.2, .nan, 1e-300, -5])
        let b = try Panel(dates: ["2020-01-01", "2020-01-02"], assets: ["AA", "BB"], columnMajor: [1, 2, 3, 4])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("panel-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Panel.writeLongCSV([("f", a), ("g", b)], to: path)
        let back = try Panel.readLong(CSVTable(contentsOf: path), columns: ["f", "g"])
        #expect(back["g"] == b)
        #expect(close(back["f"]!.values, a.values, rtol: 0, atol: 0))
    }

    @Test func longCSVErrors() throws {
        #expect(throws: PanelError.duplicateKey(path: "<text>", line: 3, date: "2020-01-01", asset: "A")) {
            try Panel.readLong(CSVTable(text: "date,ticker,v\n2020-01-01,A,1\n2020-01-01,A,2\n"), columns: ["v"])
        }
        #expect(throws: CSVTableError.unparsableNumber(path: "<text>", line: 2, column: "v", text: "abc")) {
            try Panel.readLong(CSVTable(text: "date,asset,v\n2020-01-01,A,abc\n"), columns: ["v"])
        }
        #expect(throws: PanelError.unparsableDate(path: "<text>", line: 2, text: "01/02/2020")) {
            try Panel.readLong(CSVTable(text: "date,asset,v\n01/02/2020,A,1\n"), columns: ["v"])
        }
        // Calendar validation (ISODate): impossible days and months are rejected, a time suffix is kept.
        #expect(throws: PanelError.unparsableDate(path: "<text>", line: 3, text: "2013-02-29")) {
            try Panel.readLong(CSVTable(text: "date,asset,v\n2012-02-29,A,1\n2013-02-29,A,1\n"), columns: ["v"])
        }
        #expect(throws: PanelError.unparsableDate(path: "<text>", line: 2, text: "2013-13-01")) {
            try Panel.readLong(CSVTable(text: "date,asset,v\n2013-13-01,A,1\n"), columns: ["v"])
        }
        #expect(try Panel.readLong(CSVTable(text: "date,asset,v\n2013-01-02 16:00,A,1\n"), columns: ["v"])["v"]!.dates == ["2013-01-02 16:00"])
        #expect(throws: PanelError.missingAssetColumn(path: "<text>")) {
            try Panel.readLong(CSVTable(text: "date,name,v\n2020-01-01,A,1\n"), columns: ["v"])
        }
        #expect(throws: CSVTableError.missingColumn(path: "<text>", column: "w")) {
            try Panel.readLong(CSVTable(text: "date,asset,v\n2020-01-01,A,1\n"), columns: ["w"])
        }
        // Unsorted input rows and gaps: dates sorted, missing cells NaN.
        let p = try Panel.readLong(CSVTable(text: "date,ticker,v\n2020-01-02,B,2\n2020-01-01,A,1\n"), columns: ["v"])["v"]!
        #expect(p.dates == ["2020-01-01", "2020-01-02"] && p.assets == ["A", "B"])
        #expect(p[0, 0] == 1 && p[1, 1] == 2 && p[1, 0].isNaN && p[0, 1].isNaN)
    }

    @Test func fileReadingPathsAgree() throws {
        let text = "date,ticker,v\n2020-01-01,A,1.5\n2020-01-01,B,\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("t-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let t = try CSVTable(contentsOf: path)
        #expect(t.rows == (try CSVTable(text: text)).rows)
        #expect(throws: CSVTableError.raggedRow(path: path, line: 3, expected: 3, found: 2)) {
            try "date,ticker,v\n2020-01-01,A,1\n2020-01-02,A\n".write(toFile: path, atomically: true, encoding: .utf8)
            _ = try CSVTable(contentsOf: path)
        }
    }

    @Test func returnsFromPrices() throws {
        let p = [100.0, 110, 99, .nan, 120]
        #expect(close(Returns.fromPrices(p), [.nan, 0.1, -0.1, .nan, .nan]))
        #expect(close(Returns.fromPrices(p, kind: .log)[1], log(1.1)))
        #expect(close(Returns.forwardFromPrices(p, horizon: 2), [-0.01, .nan, 120.0 / 99 - 1, .nan, .nan]))
        #expect(close(Returns.forwardFromPrices(p, horizon: 1, kind: .log)[0], log(1.1)))
        #expect(close(Returns.forwardFromReturns([.nan, 0.1, -0.1, 0.2], horizon: 2), [1.1 * 0.9 - 1, 0.9 * 1.2 - 1, .nan, .nan]))
        #expect(close(Returns.excess([0.1, 0.2], over: [0.05, 0.05]), [0.05, 0.15]))
        #expect(Returns.fromPrices([1.0, 0, 2]).dropFirst().allSatisfy { $0.isNaN })  // non-positive price
        let panel = try Panel(dates: ["2020-01-01", "2020-01-02"], assets: ["A"], columnMajor: [10, 11])
        #expect(close(Array(Returns.forwardFromPrices(panel, horizon: 1).values), [0.1, .nan]))
    }
}
