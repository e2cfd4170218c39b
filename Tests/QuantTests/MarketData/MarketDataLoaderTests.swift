import Foundation
@testable import Quant
import Testing

/// Loader validation: every bad input is a typed error naming the file and line; tolerated
/// defects are warnings; nothing is half-loaded.
@Suite struct LoaderTests {
    static let header = "date,ticker,open,high,low,close,volume\n"

    func load(_ body: String) throws -> LoadedMarketData {
        try MarketDataLoader.load(text: Self.header + body, path: "bad.csv")
    }

    @Test func unparsableNumberNamesLineAndColumn() {
        #expect(throws: MarketDataError.csv(.unparsableNumber(path: "bad.csv", line: 3, column: "close", text: "12,5x"))) {
            try load("2020-01-02,A,1,2,0.5,1.5,100\n2020-01-03,A,1,2,0.5,\"12,5x\",100\n")
        }
    }

    @Test func duplicateRowNamesBothLines() {
        #expect(throws: MarketDataError.duplicateRow(path: "bad.csv", line: 4, firstLine: 2, date: "2020-01-02", ticker: "A")) {
            try load("2020-01-02,A,1,2,0.5,1.5,100\n2020-01-02,B,1,2,0.5,1.5,100\n2020-01-02,A,1,2,0.5,1.5,100\n")
        }
    }

    @Test func unsortedDatesWithinATicker() {
        #expect(throws: MarketDataError.unsortedDates(path: "bad.csv", line: 4, ticker: "A", date: "2020-01-02", previous: "2020-01-03")) {
            try load("2020-01-03,A,1,2,0.5,1.5,100\n2020-01-02,B,1,2,0.5,1.5,100\n2020-01-02,A,1,2,0.5,1.5,100\n")
        }
    }

    @Test func nonPositivePrice() {
        #expect(throws: MarketDataError.nonPositivePrice(path: "bad.csv", line: 3, column: "low", value: 0)) {
            try load("2020-01-02,A,1,2,0.5,1.5,100\n2020-01-03,A,1,2,0,1.5,100\n")
        }
    }

    @Test func negativeVolume() {
        #expect(throws: MarketDataError.negativeVolume(path: "bad.csv", line: 2, value: -5)) {
            try load("2020-01-02,A,1,2,0.5,1.5,-5\n")
        }
    }

    @Test func badDate() {
        #expect(throws: MarketDataError.invalidDate(path: "bad.csv", line: 2, text: "02/01/2020")) {
            try load("02/01/2020,A,1,2,0.5,1.5,100\n")
        }
    }

    @Test func emptyFileAndHeaderOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fl-loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.csv").path, headerOnly = dir.appendingPathComponent("header.csv").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        try Self.header.write(toFile: headerOnly, atomically: true, encoding: .utf8)
        #expect(throws: MarketDataError.csv(.empty(path: empty))) { try MarketDataLoader.load(path: empty) }
        #expect(throws: MarketDataError.csv(.empty(path: headerOnly))) { try MarketDataLoader.load(path: headerOnly) }
        #expect(throws: MarketDataError.csv(.cannotOpen(path: dir.path + "/missing.csv"))) { try MarketDataLoader.load(path: dir.path + "/missing.csv") }
    }

    @Test func missingCloseColumnAndRaggedRow() {
        #expect(throws: MarketDataError.csv(.missingColumn(path: "x.csv", column: "close"))) {
            try MarketDataLoader.load(text: "date,ticker,open\n2020-01-02,A,1\n", path: "x.csv")
        }
        #expect(throws: MarketDataError.csv(.raggedRow(path: "bad.csv", line: 3, expected: 7, found: 6))) {
            try load("2020-01-02,A,1,2,0.5,1.5,100\n2020-01-03,A,1,2,0.5,1.5\n")
        }
    }

    @Test func defectsAreWarningsNotErrors() throws {
        let d = try load("""
        2020-01-02,A,1,2,0.5,1.5,100
        2020-01-03,A,,,,1.6,100
        2020-01-06,A,1.7,1.65,1.6,1.6,100
        2020-01-07,A,1.7,1.8,1.6,3.5,100
        2020-01-02,B,1,2,0.5,1.5,100

        """)
        #expect(d.panel.tickers == ["A", "B"])
        #expect(d.panel.dates == ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"])
        #expect(d.panel.value("open", asset: 0, date: 1).isNaN)
        #expect(d.panel.value("close", asset: 0, date: 1) == 1.6)
        #expect(d.panel.value("close", asset: 1, date: 2).isNaN)
        let kinds = Dictionary(uniqueKeysWithValues: d.quality.issues.map { ($0.kind, $0) })
        #expect(kinds.values.contains { $0.kind.hasPrefix("rows with empty fields") && $0.count == 1 && $0.examples[0].hasPrefix("bad.csv:3 A") })
        #expect(kinds.values.contains { $0.kind.hasPrefix("bars whose low/high") && $0.count == 2 })  // line 4 (high < open) and line 5 (high < close)
        #expect(kinds.values.contains { $0.kind.hasPrefix("suspect close-to-close jumps") && $0.examples[0].hasPrefix("bad.csv:5 A") })
        #expect(kinds.values.contains { $0.kind.hasPrefix("assets missing some dates") && $0.examples[0].hasPrefix("B: 3 of 4") })
    }

    /// Prices beyond ±100 decades are refused with the row (their squares in rolling variances and
    /// correlations overflow); prices outside 1e-6…1e12 are kept and reported with their rows.
    @Test func implausibleAndUnrepresentablePrices() throws {
        #expect(throws: MarketDataError.unrepresentableValue(path: "bad.csv", line: 3, column: "close", value: 5e201)) {
            try load("2020-01-02,A,1,2,0.5,1.5,100\n2020-01-03,A,1,2,0.5,5e201,100\n")
        }
        #expect(throws: MarketDataError.unrepresentableValue(path: "bad.csv", line: 2, column: "low", value: 1e-101)) {
            try load("2020-01-02,A,1,2,1e-101,1.5,100\n")
        }
        #expect(throws: MarketDataError.unrepresentableValue(path: "bad.csv", line: 2, column: "volume", value: 1e120)) {
            try load("2020-01-02,A,1,2,0.5,1.5,1e120\n")
        }
        do { _ = try load("2020-01-02,A,1,2,0.5,5e201,100\n") } catch {
            #expect("\(error)".hasPrefix("bad.csv:2: column 'close': value 5e+201 is outside 1e-100…1e100"), "\(error)")
        }
        let d = try load("2020-01-02,A,2e12,3e12,1e12,2.5e12,0\n2020-01-03,A,1,2,0.5,1.5,100\n2020-01-02,B,1,2,0.5,1.5,100\n")
        let issue = try #require(d.quality.issues.first { $0.kind.hasPrefix("rows with implausible prices") })
        #expect(issue.count == 1 && issue.examples == ["bad.csv:2 A 2020-01-02 [close,open,high]"])
        #expect(d.panel.value("close", asset: 0, date: 0) == 2.5e12)
        let clean = try load("2020-01-02,A,1,2,0.5,1.5,100\n")
        #expect(!clean.quality.issues.contains { $0.kind.hasPrefix("rows with implausible prices") })
    }
}
