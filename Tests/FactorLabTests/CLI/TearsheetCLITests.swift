import FactorLab
import Foundation
import Quant
import Testing

/// `factorlab tearsheet` as a process, as a user runs it: a CSV on disk, the built executable,
/// files in --out, a summary or JSON on stdout, errors on stderr with exit 1 (data) or 64 (usage).
@Suite struct TearsheetCLITests {
    /// 12 tickers × 90 dates of the bundled closes, written as a small OHLCV CSV.
    static func scratch() throws -> (dir: URL, data: URL, tickers: [String], dates: [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tearsheet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Data/sp500_top100_2013-2018_ohlcv.csv").standardizedFileURL
        let lines = try String(contentsOf: bundled, encoding: .utf8).split(separator: "\n")
        let header = lines[0]
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let tickers = Array(Set(rows.map { String($0[1]) })).sorted().prefix(12)
        let dates = Array(Set(rows.map { String($0[0]) })).sorted().prefix(90)
        let keepT = Set(tickers), keepD = Set(dates)
        let kept = rows.filter { keepT.contains(String($0[1])) && keepD.contains(String($0[0])) }.map { $0.joined(separator: ",") }
        let data = dir.appendingPathComponent("prices.csv")
        try ([String(header)] + kept).joined(separator: "\n").appending("\n").write(to: data, atomically: true, encoding: .utf8)
        return (dir, data, Array(tickers), Array(dates))
    }

    static func run(_ args: [String], in dir: URL) throws -> ExecutableRunner.Outcome {
        try ExecutableRunner.run(["tearsheet"] + args, in: dir, timeout: 120)
    }

    @Test func factorTearSheetWritesFilesThatMatchTheLibrary() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let r = try Self.run(["--data", s.data.path, "--factor", "mom20", "--quantiles", "4", "--horizons", "1,5", "--out", "out"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("tear sheet of mom20: 12 assets x 90 dates"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: s.dir.appendingPathComponent("out/tearsheet.json"))) as! [String: Any]
        let html = try String(contentsOf: s.dir.appendingPathComponent("out/tearsheet.html"), encoding: .utf8)
        #expect(html.contains("<h2>Factor tear sheet</h2>") && html.contains("</html>"))
        #expect(json["signal"] as? String == "mom20")
        let sheet = json["tearsheet"] as! [String: Any]
        let horizons = sheet["horizons"] as! [[String: Any]]
        #expect(horizons.map { $0["horizon"] as! Int } == [1, 5])
        // The same numbers as the library on the same panel (Foundation's JSON reader may round the
        // last bit, hence 1e-15).
        let panel = try MarketDataLoader.load(path: s.data.path).panel
        let mom = try FactorRegistry.standard.compute(MarketData(panel: panel), names: ["mom20"])["mom20"]!.values
        let lib = try FactorTearSheet.compute(TearSheetInput(layout: panel.layout, factor: mom, prices: .closes(panel.fields["close"]!), dates: panel.dates),
                                              options: TearSheetOptions(quantiles: 4, horizons: [1, 5]))
        for (h, j) in zip(lib.horizons, horizons) {
            let ic = ((j["ic"] as! [String: Any])["summary"] as! [String: Any])["ic_mean"] as! NSNumber
            #expect(abs(ic.doubleValue - h.ic.summary.mean) <= 1e-15 * abs(h.ic.summary.mean))
            let spread = (j["spread"] as! [String: Any])["mean"] as! NSNumber
            #expect(abs(spread.doubleValue - h.spread.mean) <= 1e-15 * abs(h.spread.mean))
        }
    }

    @Test func predictionsPickTheModelColumn() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var csv = "date,ticker,model,prediction\n"
        for (t, d) in s.dates.enumerated() {
            for (a, k) in s.tickers.enumerated() {
                csv += "\(d),\(k),lstm,\(Double(a) * 0.001 + Double(t % 7) * 1e-5)\n"
                csv += "\(d),\(k),ols,\(Double((a * 7) % 12) * 0.002)\n"
            }
        }
        let preds = s.dir.appendingPathComponent("predictions.csv")
        try csv.write(to: preds, atomically: true, encoding: .utf8)
        var r = try Self.run(["--data", s.data.path, "--predictions", preds.path], in: s.dir)
        #expect(r.status == 1 && r.stderr.contains("several models (lstm, ols)") && r.stderr.contains("--model"), "\(r.stderr)")
        r = try Self.run(["--data", s.data.path, "--predictions", preds.path, "--model", "gru"], in: s.dir)
        #expect(r.status == 1 && r.stderr.contains("no model column 'gru'") && r.stderr.contains("lstm, ols"), "\(r.stderr)")
        r = try Self.run(["--data", s.data.path, "--predictions", preds.path, "--model", "ols", "--json"], in: s.dir)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(json?["signal"] as? String == "predictions:ols")
        #expect(FileManager.default.fileExists(atPath: s.dir.appendingPathComponent("tearsheet.json").path))
    }

    @Test func badInputGetsClearErrors() throws {
        let s = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let cases: [([String], Int32, String)] = [
            (["--factor", "nope"], 1, "unknown factor 'nope'; known factors: ma5"),
            (["--factor", "mom20", "--quantiles", "20"], 1, "12 assets cannot fill 20 quantiles"),
            (["--factor", "mom20", "--horizons", "1,x"], 64, "--horizons must be positive whole numbers"),
            (["--factor", "mom20", "--horizons", "1,1"], 64, "--horizons repeats a value"),
            (["--factor", "mom20", "--horizons", "500"], 1, "horizon 500 must be in 1…89"),
            (["--factor", "mom20", "--predictions", "p.csv"], 64, "exactly one of --factor NAME or --predictions FILE"),
            (["--factor", "mom20", "--model", "ols"], 64, "--model applies to --predictions only"),
            (["--predictions", "missing.csv"], 1, "predictions missing.csv: no such file or directory"),
            // A directory is read as a run directory, verified against its manifest.
            (["--predictions", "emptyrun"], 1, "not a complete factorlab output: no manifest.json"),
        ]
        try FileManager.default.createDirectory(at: s.dir.appendingPathComponent("emptyrun"), withIntermediateDirectories: true)
        for (args, status, message) in cases {
            let r = try Self.run(["--data", s.data.path] + args, in: s.dir)
            #expect(r.status == status, "\(args): exit \(r.status), stderr \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): stderr \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error"), "\(args) crashed")
        }
    }
}
