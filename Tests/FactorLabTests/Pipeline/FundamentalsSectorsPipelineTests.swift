import Foundation
import Quant
import Testing
import TestSupport
@testable import FactorLab

/// Fundamentals and sector maps through the paths users take: `ResearchInputs.load` (what every
/// command calls) and the `factorlab` executable.
@Suite(.serialized) struct FundamentalsSectorsPipelineTests {
    static let tickers = ["AAPL", "AMZN", "BAC", "CSCO", "GE", "INTC", "JPM", "MSFT", "PFE", "T", "WFC", "XOM"]
    static let sectorOf = ["AAPL": "Tech", "AMZN": "Consumer", "BAC": "Financials", "CSCO": "Tech", "GE": "Industrials",
                           "INTC": "Tech", "JPM": "Financials", "MSFT": "Tech", "PFE": "Health", "T": "Telecom",
                           "WFC": "Financials", "XOM": "Energy"]

    /// Quarterly fundamentals for the 12 test stocks, announced 25–40 days after each quarter
    /// (some on weekends), with restatements of AAPL's 2013-06-30 and 2013-09-30 quarters and a user ratio `roe`.
    static func fundamentalsText() -> String {
        var text = "ticker,announce_date,period_end,eps,bvps,roe\n"
        let quarters = ["2012-12-31", "2013-03-31", "2013-06-30", "2013-09-30", "2013-12-31", "2014-03-31", "2014-06-30", "2014-09-30"]
        let announce = [("01-26", "2013"), ("04-27", "2013"), ("07-24", "2013"), ("10-26", "2013"), ("01-29", "2014"), ("04-26", "2014"),
                        ("07-30", "2014"), ("10-25", "2014")]
        for (k, t) in tickers.enumerated() {
            for (q, end) in quarters.enumerated() {
                let eps = 1 + Double(k) * 0.37 + Double(q) * 0.05 * (k % 2 == 0 ? 1 : -1)
                let bvps = 10 + Double(k) * 2.1 + Double(q) * 0.3
                let date = announce[q].1 + "-" + announce[q].0
                text += "\(t),\(date),\(end),\(eps),\(bvps),\(0.05 + Double((k * 7 + q * 3) % 11) / 100)\n"
            }
        }
        text += "AAPL,2013-10-30,2013-06-30,0.5,30,0.2\n"  // restates an older quarter than the latest known
        text += "AAPL,2013-11-05,2013-09-30,2.0,30,0.2\n"  // restates the latest quarter
        return text
    }

    static func sectorsText() -> String {
        "ticker,sector\n" + tickers.map { "\($0),\(sectorOf[$0]!)" }.joined(separator: "\n") + "\n"
    }

    static func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fl-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func config() throws -> PipelineConfig {
        var c = PipelineTests.config()
        c.features.filter = try FactorFilter(parsing: "pe,pb,roe,industry_return,mom20,rsi*")
        c.features.label = .csRank
        c.screen.keepAll = true
        return c
    }

    @Test func fundamentalsAndSectorsBecomeFactorsAsOfTheirAnnouncement() throws {
        let f = try Self.write(Self.fundamentalsText(), "f.csv"), s = try Self.write(Self.sectorsText(), "s.csv")
        defer { try? FileManager.default.removeItem(atPath: f); try? FileManager.default.removeItem(atPath: s) }
        let inputs = try ResearchInputs.load(dataPath: TestData.path("small_ohlcv.csv"), indexPath: nil, fundamentalsPath: f,
                                             sectorsPath: s, progress: .silent)
        let d = try ResearchDataset(inputs: inputs, config: try Self.config())
        let names = d.factors.panel.factorNames
        for n in ["pe", "pb", "roe", "industry_return"] { #expect(names.contains(n), "\(n) in \(names)") }
        #expect(!names.contains("eps") && !names.contains("bvps"))  // levels: inputs of the ratios only
        let panel = inputs.panel, aapl = panel.tickers.firstIndex(of: "AAPL")!
        let pe = d.factors.panel.series(factor: names.firstIndex(of: "pe")!)
        func peOn(_ date: String) -> Double { pe[panel.layout.index(asset: aapl, date: panel.dates.firstIndex(of: date)!)] }
        func close(_ date: String) -> Double { panel["close", asset: aapl, date: panel.dates.firstIndex(of: date)!] }
        // 2013-07-24: Q2 (eps 1.10) public at that close; 2013-10-25: still Q2 (Q3's 2013-10-26 is a Saturday → 2013-10-28).
        #expect(abs(peOn("2013-07-23") - close("2013-07-23") / 1.05) < 1e-12)
        #expect(abs(peOn("2013-07-24") - close("2013-07-24") / 1.1) < 1e-12)
        #expect(abs(peOn("2013-10-25") - close("2013-10-25") / 1.1) < 1e-12)
        #expect(abs(peOn("2013-10-28") - close("2013-10-28") / 1.15) < 1e-12)
        // The restatement of Q2 (announced 2013-10-30) concerns an older period than Q3's: Q3 stays.
        #expect(abs(peOn("2013-10-30") - close("2013-10-30") / 1.15) < 1e-12)
        // A restatement of the latest quarter replaces it from its own announcement on.
        #expect(abs(peOn("2013-11-04") - close("2013-11-04") / 1.15) < 1e-12)
        #expect(abs(peOn("2013-11-05") - close("2013-11-05") / 2.0) < 1e-12)
        // Figures announced before the first date apply from the first date.
        #expect(abs(peOn("2013-02-08") - close("2013-02-08") / 1.0) < 1e-12)
        let sectors = try #require(d.sectors)
        #expect(sectors.names == ["Consumer", "Energy", "Financials", "Health", "Industrials", "Tech", "Telecom"])
    }

    /// No look-ahead with fundamentals, sectors and a cross-sectional label: cutting the price file
    /// after D (the fundamentals file unchanged, so it announces figures after D) leaves every
    /// prediction made at dates ≤ D unchanged.
    @Test(.blasThreads(1)) func truncationInvarianceWithFundamentalsAndSectors() throws {
        let f = try Self.write(Self.fundamentalsText(), "f.csv"), s = try Self.write(Self.sectorsText(), "s.csv")
        let full = try ResearchInputs.load(dataPath: TestData.path("small_ohlcv.csv"), indexPath: nil, fundamentalsPath: f,
                                           sectorsPath: s, progress: .silent)
        let panel = full.panel
        var config = try Self.config()
        config.models = ["lstm", "ols", "ols_asset"]
        let a = try ResearchPipeline.predict(inputs: full, config: config)
        let d = a.folds.last!.fold.test.lowerBound + 10
        let lines = try String(contentsOfFile: TestData.path("small_ohlcv.csv"), encoding: .utf8).split(separator: "\n")
        let cutText = lines.filter { $0.hasPrefix("date") || String($0.prefix(10)) <= panel.dates[d] }.joined(separator: "\n") + "\n"
        let cutPath = try Self.write(cutText, "cut.csv")
        defer { for p in [f, s, cutPath] { try? FileManager.default.removeItem(atPath: p) } }
        let cut = try ResearchInputs.load(dataPath: cutPath, indexPath: nil, fundamentalsPath: f, sectorsPath: s, progress: .silent)
        #expect(cut.panel.dateCount == d + 1)
        let b = try ResearchPipeline.predict(inputs: cut, config: config)
        var compared = 0
        for m in config.models {
            let x = a.predictions[m]!, y = b.predictions[m]!
            for asset in 0..<panel.assetCount {
                for t in 0...d {
                    let u = x[asset * panel.dateCount + t], v = y[asset * (d + 1) + t]
                    #expect(u == v || (u.isNaN && v.isNaN), "\(m) \(panel.tickers[asset]) \(panel.dates[t])")
                    if u.isFinite { compared += 1 }
                }
            }
        }
        #expect(compared > 3 * 12 * 40)
    }

    /// End to end through the executable: a price file with an extra column, fundamentals and a
    /// sector map; the user's factors are candidates, the summary and report carry the sector analysis.
    @Test func runWithColumnsFundamentalsAndSectorsEndToEnd() throws {
        let data = try FeatureConfigTests.fileWithColumns()
        // The price file has a `pe` column; the fundamentals' EPS is renamed so no derived `pe` clashes with it.
        let clash = try Self.write(Self.fundamentalsText(), "clash.csv")
        let f = try Self.write(Self.fundamentalsText().replacingOccurrences(of: ",eps,", with: ",eps_q,"), "f.csv")
        let s = try Self.write(Self.sectorsText(), "s.csv")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fl-e2e-\(UUID().uuidString)").path
        defer { for p in [data, clash, f, s, out] { try? FileManager.default.removeItem(atPath: p) } }
        let refused = try ExecutableRunner.run(["screen", "--data", data, "--fundamentals", clash, "--quiet"])
        #expect(refused.status == 1 && refused.stderr.contains("factor name 'pe' (from fundamentals) is already a candidate factor"),
                "\(refused.stderr)")
        let r = try ExecutableRunner.run(["run", "--data", data, "--fundamentals", f, "--sectors", s, "--out", out, "--quiet",
                                          "--models", "ols", "--tune", "off", "--random-portfolios", "2", "--label", "cs-zscore",
                                          "--train-days", "150", "--validation-days", "40", "--test-days", "40", "--window", "10",
                                          "--horizon", "5", "--screen", "off", "--factors", "pe,pb,roe,industry_return,mom20,rsi*",
                                          "--threads", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
        let sources = Dictionary(uniqueKeysWithValues: (summary["factor_ic"] as! [[String: Any]]).map { ($0["factor"] as! String, $0["source"] as! String) })
        #expect(sources["pe"] == "column" && sources["pb"] == "fundamentals" && sources["roe"] == "fundamentals"
                && sources["eps_q"] == nil
                && sources["industry_return"] == "sectors" && sources["mom20"] == "paper", "\(sources)")
        let features = (summary["parameters"] as! [String: Any])["features"] as! [String: Any]
        #expect(features["label"] as? String == "cs-zscore")
        let sectors = try #require(summary["sectors"] as? [String: Any])
        #expect((sectors["names"] as? [String])?.count == 7)
        #expect(((sectors["exposure"] as? [String: Any])?["ols"] as? [String: Any])?.count == 7)
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("<h2>Sectors</h2>") && report.contains("Tear sheet of"))
    }

    /// Malformed fundamentals are refused by the executable with file and line.
    @Test func malformedFundamentalsAreRefusedWithFileAndLine() throws {
        let cases: [(String, String)] = [
            ("ticker,announce_date,period_end,eps\nAAPL,2013-03-01,2013-03-31,1\n", "announce_date 2013-03-01 is before period_end 2013-03-31"),
            ("ticker,announce_date,period_end,eps\nAAPL,2013-04-20,2013-03-31,1\nZZZZ,2013-04-20,2013-03-31,1\n", ":3: ticker 'ZZZZ' is not in the price panel"),
            ("ticker,announce_date,period_end,eps\nAAPL,2013-04-20,2013-03-31,1\nAAPL,2013-04-20,2013-03-31,2\n", ":3: duplicate record for AAPL"),
        ]
        for (text, message) in cases {
            let f = try Self.write(text, "bad.csv")
            defer { try? FileManager.default.removeItem(atPath: f) }
            let r = try ExecutableRunner.run(["screen", "--data", TestData.path("small_ohlcv.csv"), "--fundamentals", f, "--quiet",
                                              "--train-days", "150", "--validation-days", "40", "--test-days", "40"])
            #expect(r.status == 1 && !r.signalled, "\(r.stderr)")
            #expect(r.stderr.contains(f) && r.stderr.contains(message), "\(r.stderr)")
        }
    }

    @Test func sectorNeutralNeedsASectorMap() throws {
        var config = PipelineTests.config()
        config.features.sectorNeutral = true
        let inputs = try PipelineTests.inputs()
        #expect(throws: PipelineConfigError.invalid(option: "sector-neutral", reason: "needs a sector map (--sectors FILE)")) {
            try ResearchDataset(inputs: inputs, config: config)
        }
    }
}
