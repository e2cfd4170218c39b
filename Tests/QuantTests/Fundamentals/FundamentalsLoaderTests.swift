import Foundation
@testable import Quant
import Testing

/// Fundamentals file validation: every malformed file is a typed error naming the file and line.
@Suite struct FundamentalsLoaderTests {
    static let header = "ticker,announce_date,period_end,eps,bvps\n"
    static let tickers = ["A", "B"]

    func load(_ body: String, header: String = Self.header) throws -> FundamentalsTable {
        try FundamentalsLoader.load(text: header + body, path: "f.csv", tickers: Self.tickers)
    }

    @Test func loadsFieldsAndMissingCells() throws {
        let t = try load("A,2024-01-05,2023-12-31,1.5,\nB,2024-02-01,2023-12-31,,10\n")
        #expect(t.fields == ["eps", "bvps"])
        #expect(t.records.count == 2)
        #expect(t.records[0].ticker == "A" && t.records[0].announceDate == "2024-01-05" && t.records[0].periodEnd == "2023-12-31")
        #expect(t.records[0].values[0] == 1.5 && t.records[0].values[1].isNaN)
        #expect(t.records[1].values[0].isNaN && t.records[1].values[1] == 10)
        #expect(t.records.map(\.line) == [2, 3])
    }

    @Test func readsAFileFromDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fl-fund-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.csv").path
        try (Self.header + "A,2024-01-05,2023-12-31,1.5,2\n").write(toFile: path, atomically: true, encoding: .utf8)
        let t = try FundamentalsLoader.load(path: path, tickers: Self.tickers)
        #expect(t.records.count == 1 && t.path == path)
        let missing = dir.appendingPathComponent("none.csv").path
        #expect(throws: FundamentalsError.csv(.cannotOpen(path: missing))) { try FundamentalsLoader.load(path: missing, tickers: Self.tickers) }
        let empty = dir.appendingPathComponent("empty.csv").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: FundamentalsError.csv(.empty(path: empty))) { try FundamentalsLoader.load(path: empty, tickers: Self.tickers) }
    }

    @Test func missingRequiredColumn() {
        #expect(throws: FundamentalsError.csv(.missingColumn(path: "f.csv", column: "period_end"))) {
            try load("A,2024-01-05,1.5\n", header: "ticker,announce_date,eps\n")
        }
        #expect(throws: FundamentalsError.noFields(path: "f.csv")) {
            try load("A,2024-01-05,2023-12-31\n", header: "ticker,announce_date,period_end\n")
        }
    }

    @Test func emptyAndUnknownTicker() {
        #expect(throws: FundamentalsError.emptyTicker(path: "f.csv", line: 3)) {
            try load("A,2024-01-05,2023-12-31,1,2\n,2024-01-05,2023-12-31,1,2\n")
        }
        #expect(throws: FundamentalsError.unknownTicker(path: "f.csv", line: 3, ticker: "ZZ")) {
            try load("A,2024-01-05,2023-12-31,1,2\nZZ,2024-01-05,2023-12-31,1,2\n")
        }
    }

    @Test func badDates() {
        #expect(throws: FundamentalsError.invalidDate(path: "f.csv", line: 2, column: "announce_date", text: "2024-02-30")) {
            try load("A,2024-02-30,2023-12-31,1,2\n")
        }
        #expect(throws: FundamentalsError.invalidDate(path: "f.csv", line: 3, column: "period_end", text: "31/12/2023")) {
            try load("A,2024-01-05,2023-12-31,1,2\nB,2024-01-05,31/12/2023,1,2\n")
        }
    }

    @Test func announcedBeforePeriodEnd() throws {
        #expect(throws: FundamentalsError.announcedBeforePeriodEnd(path: "f.csv", line: 3, ticker: "B",
                                                                  announceDate: "2023-12-30", periodEnd: "2023-12-31")) {
            try load("A,2024-01-05,2023-12-31,1,2\nB,2023-12-30,2023-12-31,1,2\n")
        }
        // Announcing on the period's last day is allowed.
        #expect(try load("A,2023-12-31,2023-12-31,1,2\n").records.count == 1)
    }

    @Test func duplicateRecordNamesBothLines() throws {
        #expect(throws: FundamentalsError.duplicateRecord(path: "f.csv", line: 4, firstLine: 2, ticker: "A",
                                                         periodEnd: "2023-12-31", announceDate: "2024-01-05")) {
            try load("A,2024-01-05,2023-12-31,1,2\nB,2024-01-05,2023-12-31,1,2\nA,2024-01-05,2023-12-31,3,4\n")
        }
        // Same period, later announcement: a restatement, not a duplicate.
        #expect(try load("A,2024-01-05,2023-12-31,1,2\nA,2024-03-05,2023-12-31,3,4\n").records.count == 2)
    }

    @Test func nonNumericAndNonFiniteCells() {
        #expect(throws: FundamentalsError.csv(.unparsableNumber(path: "f.csv", line: 3, column: "bvps", text: "n/a!"))) {
            try load("A,2024-01-05,2023-12-31,1,2\nB,2024-01-05,2023-12-31,1,n/a!\n")
        }
        #expect(throws: FundamentalsError.nonFiniteValue(path: "f.csv", line: 2, column: "eps", text: "inf")) {
            try load("A,2024-01-05,2023-12-31,inf,2\n")
        }
        #expect(throws: FundamentalsError.csv(.raggedRow(path: "f.csv", line: 2, expected: 5, found: 4))) {
            try load("A,2024-01-05,2023-12-31,1\n")
        }
    }

    @Test func errorMessagesNameFileAndLine() {
        let e = FundamentalsError.duplicateRecord(path: "f.csv", line: 4, firstLine: 2, ticker: "A", periodEnd: "2023-12-31", announceDate: "2024-01-05")
        #expect(e.description.hasPrefix("f.csv:4:"))
        #expect(FundamentalsError.unknownTicker(path: "f.csv", line: 7, ticker: "Q").description == "f.csv:7: ticker 'Q' is not in the price panel")
    }
}
