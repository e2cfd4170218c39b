import Foundation
@testable import Quant
import Testing

/// Sector-map formats, validation (typed errors with file and line) and per-(asset, date) codes.
@Suite struct SectorMapTests {
    static let tickers = ["A", "B", "C", "D"]

    func load(_ text: String) throws -> SectorMap {
        try SectorMapLoader.load(text: text, path: "s.csv", tickers: Self.tickers)
    }

    @Test func staticMapWithIndustry() throws {
        let m = try load("ticker,sector,industry\nA,Tech,Software\nB,Energy,\nC,Tech,Hardware\nX,Tech,Software\n")
        #expect(!m.isDated && m.hasIndustry && m.assignments.count == 4)
        #expect(m.warnings == ["s.csv:5: ticker 'X' is not in the price panel (ignored)"])
        let dates = ["2024-01-02", "2024-01-03"]
        let s = m.codes(dates: dates, tickers: Self.tickers)
        #expect(s.names == ["Energy", "Tech"])
        #expect(s.codes == [1, 1, 0, 0, 1, 1, -1, -1])
        let i = m.codes(dates: dates, tickers: Self.tickers, level: .industry)
        #expect(i.names == ["Hardware", "Software"])
        #expect(i.codes == [1, 1, -1, -1, 0, 0, -1, -1])
        #expect(i.code(asset: 2, date: 1) == 0)
    }

    @Test func datedMapReclassifies() throws {
        let m = try load("""
        ticker,start,end,sector
        A,2024-01-01,2024-01-03,Tech
        A,2024-01-04,,Energy
        B,2024-01-03,2024-01-03,Energy
        C,2023-12-30,2024-01-02,Tech
        C,2024-01-05,,Tech
        """)
        #expect(m.isDated && !m.hasIndustry && m.warnings.isEmpty)
        let dates = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"]
        let c = m.codes(dates: dates, tickers: Self.tickers)
        #expect(c.names == ["Energy", "Tech"])
        // end is inclusive, empty end is open, no row = unknown (C has a gap on 3–4 Jan).
        #expect(c.codes == [1, 1, 0, 0, -1, 0, -1, -1, 1, -1, -1, 1, -1, -1, -1, -1])
        for a in Self.tickers.indices {
            for (t, d) in dates.enumerated() {
                let row = m.assignments.first { $0.ticker == Self.tickers[a] && $0.applies(on: d) }
                #expect(c.code(asset: a, date: t) == (row.map { c.names.firstIndex(of: $0.sector)! } ?? -1))
            }
        }
    }

    @Test func fileOnDisk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fl-sector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.csv").path
        try "ticker,sector\nA,Tech\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SectorMapLoader.load(path: path, tickers: Self.tickers).assignments.count == 1)
        let missing = dir.appendingPathComponent("none.csv").path
        #expect(throws: SectorMapError.csv(.cannotOpen(path: missing))) { try SectorMapLoader.load(path: missing) }
    }

    @Test func missingColumns() {
        #expect(throws: SectorMapError.csv(.missingColumn(path: "s.csv", column: "sector"))) { try load("ticker,industry\nA,X\n") }
        #expect(throws: SectorMapError.csv(.missingColumn(path: "s.csv", column: "end"))) { try load("ticker,start,sector\nA,2024-01-01,X\n") }
    }

    @Test func emptyCells() {
        #expect(throws: SectorMapError.emptyTicker(path: "s.csv", line: 3)) { try load("ticker,sector\nA,Tech\n,Tech\n") }
        #expect(throws: SectorMapError.emptySector(path: "s.csv", line: 2, ticker: "A")) { try load("ticker,sector\nA,\n") }
    }

    @Test func badDatesAndRanges() {
        #expect(throws: SectorMapError.invalidDate(path: "s.csv", line: 2, column: "start", text: "")) {
            try load("ticker,start,end,sector\nA,,,Tech\n")
        }
        #expect(throws: SectorMapError.invalidDate(path: "s.csv", line: 3, column: "end", text: "2024-13-01")) {
            try load("ticker,start,end,sector\nA,2024-01-01,,Tech\nB,2024-01-01,2024-13-01,Tech\n")
        }
        #expect(throws: SectorMapError.endBeforeStart(path: "s.csv", line: 2, ticker: "A", start: "2024-02-01", end: "2024-01-31")) {
            try load("ticker,start,end,sector\nA,2024-02-01,2024-01-31,Tech\n")
        }
    }

    @Test func duplicateStaticRow() {
        #expect(throws: SectorMapError.duplicateTicker(path: "s.csv", line: 4, firstLine: 2, ticker: "A")) {
            try load("ticker,sector\nA,Tech\nB,Tech\nA,Energy\n")
        }
    }

    @Test func overlappingDatedRanges() throws {
        // Shared end/start day overlaps (inclusive ranges).
        #expect(throws: SectorMapError.overlappingRanges(path: "s.csv", line: 4, otherLine: 2, ticker: "A")) {
            try load("ticker,start,end,sector\nA,2024-01-01,2024-01-31,Tech\nB,2024-01-01,,Tech\nA,2024-01-31,,Energy\n")
        }
        // An open range overlaps any later start.
        #expect(throws: SectorMapError.overlappingRanges(path: "s.csv", line: 3, otherLine: 2, ticker: "A")) {
            try load("ticker,start,end,sector\nA,2024-03-01,,Tech\nA,2024-01-01,2024-05-01,Energy\n")
        }
        // Adjacent ranges are fine, in any row order.
        #expect(try load("ticker,start,end,sector\nA,2024-02-01,,Energy\nA,2024-01-01,2024-01-31,Tech\n").assignments.count == 2)
    }
}
