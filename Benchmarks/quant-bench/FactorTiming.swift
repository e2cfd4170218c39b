import ArgumentParser
import Foundation
import Quant

/// Every available factor of a registry (standard, or qlib's Alpha158 / Alpha360) on an OHLCV long-format file.
struct FactorTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "factors", abstract: "Factor library timing.")

    @Option(help: "OHLCV long-format CSV.")
    var file: String = "../shared/refdata/market/sp500_stocks_2013-02-08_2018-02-07_ohlcv.csv"
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Timed repetitions.") var repeats: Int = 5
    @Flag(help: "Print each factor's share of NaN cells.") var verbose = false
    @Option(help: "Registry: standard, alpha158 or alpha360.") var featureSet: String = "standard"

    func run() throws {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let data = try MarketData.readLong(CSVTable(contentsOf: file))
        let load = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        let reg: FactorRegistry
        switch featureSet {
        case "standard": reg = .standard
        case "alpha158": reg = .alpha158
        case "alpha360": reg = .alpha360
        default: throw ValidationError("--feature-set must be standard, alpha158 or alpha360, not '\(featureSet)'")
        }
        let names = reg.availability(for: data).available
        var out: [String: Panel] = [:]
        let t = try medianSeconds(repeats: repeats) { out = try reg.compute(data, names: names, threads: threads) }
        let avg = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("factors (\(featureSet)): \(names.count) of \(reg.names.count) on \(data.close.assetCount) assets x \(data.close.dateCount) dates, threads \(threads ?? ProcessInfo.processInfo.activeProcessorCount), load \(avg)")
        print(String(format: "CSV read %.2f s; all factors median %.4f s over %d runs (all: %@)", load, t.median, repeats,
                     t.all.map { String(format: "%.4f", $0) }.joined(separator: " ")))
        print(String(format: "median process CPU time %.4f s per run", t.cpu))
        if verbose {
            for name in names {
                let v = out[name]!.values
                print(name, String(format: "%.5f", Double(v.filter(\.isNaN).count) / Double(v.count)))
            }
        }
        let nanShare = out.values.map { p in Double(p.values.filter(\.isNaN).count) / Double(p.values.count) }
        print(String(format: "mean NaN share per factor %.4f", nanShare.reduce(0, +) / Double(max(1, nanShare.count))))
    }
}
