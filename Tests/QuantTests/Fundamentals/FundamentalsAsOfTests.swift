import Foundation
@testable import Quant
import Testing

/// The point-in-time join: hand-computed cases (non-trading announce dates, restatements, late
/// older periods) and the no-look-ahead properties against a brute-force reference.
@Suite struct FundamentalsAsOfTests {
    /// Tue 2 Jan … Wed 10 Jan 2024, weekend 6–7 Jan missing.
    static let dates = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-08", "2024-01-09", "2024-01-10"]
    static let tickers = ["A", "B", "C", "D"]
    static let file = """
    ticker,announce_date,period_end,eps,bvps
    A,2023-12-15,2023-09-30,1.0,20
    A,2024-01-06,2023-12-31,2.0,
    A,2024-01-03,2023-09-30,1.5,
    A,2024-01-09,2023-06-30,9.0,99
    A,2024-01-10,2023-12-31,2.5,
    A,2024-02-01,2024-01-31,7.0,70
    B,2024-01-04,2023-09-30,3,10
    B,2024-01-05,2023-12-31,4,
    C,2024-01-07,2023-12-31,6,
    C,2024-01-06,2023-12-31,5,
    """

    static func row(_ v: [String: [Double]], _ field: String, _ asset: Int) -> [Double] {
        Array(v[field]![(asset * dates.count)..<((asset + 1) * dates.count)])
    }

    @Test func handComputedJoin() throws {
        let table = try FundamentalsLoader.load(text: Self.file, path: "f.csv", tickers: Self.tickers)
        let v = table.asOf(dates: Self.dates, tickers: Self.tickers)
        let n = Double.nan
        // A: known before the first date (1.0); restated on 3 Jan (1.5); Q4 announced Saturday 6 Jan
        // is effective Monday 8 Jan (2.0); the older Q2 published 9 Jan does not displace Q4; Q4
        // restated 10 Jan (2.5); the February record is after the last date.
        #expect(close(Self.row(v, "eps", 0), [1.0, 1.5, 1.5, 1.5, 2.0, 2.0, 2.5]))
        // bvps: only the first A record has one; empty cells leave it standing, the late Q2's 99 never shows.
        #expect(close(Self.row(v, "bvps", 0), [20, 20, 20, 20, 20, 20, 20]))
        #expect(close(Self.row(v, "eps", 1), [n, n, 3, 4, 4, 4, 4]))
        #expect(close(Self.row(v, "bvps", 1), [n, n, 10, 10, 10, 10, 10]))
        // C: Saturday and Sunday announcements of one period both land on Monday; the later (Sunday) wins.
        #expect(close(Self.row(v, "eps", 2), [n, n, n, n, 6, 6, 6]))
        #expect(Self.row(v, "eps", 3).allSatisfy { $0.isNaN })
    }

    @Test func effectiveDateIndex() {
        #expect(FundamentalsTable.effectiveDateIndex(announceDate: "2023-01-01", dates: Self.dates) == 0)
        #expect(FundamentalsTable.effectiveDateIndex(announceDate: "2024-01-05", dates: Self.dates) == 3)
        #expect(FundamentalsTable.effectiveDateIndex(announceDate: "2024-01-06", dates: Self.dates) == 4)
        #expect(FundamentalsTable.effectiveDateIndex(announceDate: "2024-01-10", dates: Self.dates) == 6)
        #expect(FundamentalsTable.effectiveDateIndex(announceDate: "2024-01-11", dates: Self.dates) == nil)
    }

    @Test func joinsOntoAMarketPanel() throws {
        let table = try FundamentalsLoader.load(text: Self.file, path: "f.csv", tickers: Self.tickers)
        let panel = MarketPanel(dates: Self.dates, tickers: Self.tickers,
                                fields: ["close": [Double](repeating: 1, count: Self.dates.count * Self.tickers.count)])
        #expect(table.asOf(panel).keys.sorted() == ["bvps", "eps"])
    }

    // MARK: - No look-ahead on random files

    /// Calendar days from Monday 2024-01-01, and the weekdays among them as trading dates.
    static func calendar(days: Int) -> (all: [String], trading: [String]) {
        var all: [String] = [], y = 2024, m = 1, d = 1
        for _ in 0..<days {
            all.append(String(format: "%04d-%02d-%02d", y, m, d))
            d += 1
            if d > ISODate.daysIn(month: m, year: y) { d = 1; m += 1; if m > 12 { m = 1; y += 1 } }
        }
        return (all, all.enumerated().filter { $0.offset % 7 < 5 }.map(\.element))
    }

    /// A random file: quarterly periods, announcements (weekends included) 0–60 days after
    /// the period's end, restatements, late older periods and missing cells.
    static func randomTable(seed: UInt64, tickers: [String], calendar all: [String]) -> FundamentalsTable {
        var rng = SplitMix64(state: seed)
        var records: [FundamentalRecord] = []
        var seen = Set<String>()
        for t in tickers {
            for _ in 0..<40 {
                let pe = Int(rng.unit() * Double(all.count - 70))
                let an = pe + Int(rng.unit() * 60)
                let key = "\(t) \(pe) \(an)"
                guard seen.insert(key).inserted else { continue }
                let eps = rng.unit() < 0.15 ? Double.nan : (rng.normal() * 100).rounded() / 100
                let bvps = rng.unit() < 0.5 ? Double.nan : (rng.unit() * 50).rounded()
                records.append(FundamentalRecord(ticker: t, announceDate: all[an], periodEnd: all[pe], values: [eps, bvps]))
            }
        }
        return FundamentalsTable(fields: ["eps", "bvps"], records: records)
    }

    /// Brute force: at each (asset, date), among the records of the asset with a value whose
    /// first trading date on/after the announcement is ≤ the date, the latest period_end, and
    /// of its records the latest announcement.
    static func reference(_ table: FundamentalsTable, dates: [String], tickers: [String]) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        let effective = table.records.map { r in dates.first { $0 >= r.announceDate } }
        for (k, f) in table.fields.enumerated() {
            var v: [Double] = []
            for a in tickers {
                for d in dates {
                    let visible = table.records.indices.filter { i in
                        let r = table.records[i]
                        guard r.ticker == a, !r.values[k].isNaN, let eff = effective[i] else { return false }
                        return eff <= d
                    }.map { table.records[$0] }
                    let best = visible.max { ($0.periodEnd, $0.announceDate) < ($1.periodEnd, $1.announceDate) }
                    v.append(best?.values[k] ?? .nan)
                }
            }
            out[f] = v
        }
        return out
    }

    static func prefix(_ v: [Double], dates: Int, keep: Int) -> [Double] {
        (0..<(v.count / dates)).flatMap { a in v[(a * dates)..<(a * dates + keep)] }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func matchesBruteForceAndHasNoLookAhead(seed: UInt64) {
        let (all, trading) = Self.calendar(days: 400)
        let dates = Array(trading[40..<240])  // records announced before and after the panel
        let tickers = ["A", "B", "C"]
        let table = Self.randomTable(seed: seed, tickers: tickers, calendar: all)
        let full = table.asOf(dates: dates, tickers: tickers)
        let ref = Self.reference(table, dates: dates, tickers: tickers)
        for f in table.fields { #expect(close(full[f]!, ref[f]!), "\(f): \(firstMismatch(full[f]!, ref[f]!))") }
        // Not vacuous: many distinct values over time, and announcements before, within and after the panel.
        #expect(Set(full["eps"]!.filter { $0.isFinite }).count > 30)
        #expect(table.records.contains { $0.announceDate < dates[0] } && table.records.contains { $0.announceDate > dates.last! })
        for cut in [0, 17, 99, 150, dates.count - 1] {
            let d = dates[cut]
            // Truncating the panel at d changes nothing up to d …
            let truncated = table.asOf(dates: Array(dates[0...cut]), tickers: tickers)
            // … nor does dropping every record announced after d.
            let known = table.announced(through: d).asOf(dates: dates, tickers: tickers)
            for f in table.fields {
                let want = Self.prefix(full[f]!, dates: dates.count, keep: cut + 1)
                #expect(close(truncated[f]!, want), "\(f) cut \(d): \(firstMismatch(truncated[f]!, want))")
                let got = Self.prefix(known[f]!, dates: dates.count, keep: cut + 1)
                #expect(close(got, want), "\(f) cut \(d): \(firstMismatch(got, want))")
            }
        }
    }
}
