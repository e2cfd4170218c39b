import ArgumentParser
import FactorLab
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Over-fitting experiment (second paper, Fig. 2): LSTM capacity × epochs vs annual return and Sharpe on validation and test.",
        discussion: "Writes DIR/sweep.json, DIR/sweep.txt and DIR/sweep.html. --point i/N (or --fold i/N, or --shard-from-env) runs a share of the points; merge with `factorlab merge`.")

    @Option(help: "Daily OHLCV CSV.") var data: String
    @Option(help: "Benchmark index CSV (adds the market-return factor).") var index: String?
    @Option(help: "Point-in-time fundamentals CSV (ticker,announce_date,period_end,field…; see Docs/Fundamentals.md).") var fundamentals: String?
    @Option(help: "Sector map CSV (ticker,sector[,industry] or ticker,start,end,sector[,industry]; adds industry_return and per-sector IC).") var sectors: String?
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Option(help: "Sweep points as hidden:epochs,… (default 4:1,8:2,16:4,32:8,64:16,128:32).") var points: String?
    @Option(help: "Walk-forward fold to use (1-based).") var useFold: Int = 1
    @Option(help: "Run only share i of N of the sweep points, e.g. 2/4 (the same as --fold i/N).") var point: String?
    @OptionGroup var options: PipelineOptions

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
        guard useFold >= 1 else { throw ValidationError("--use-fold must be at least 1 (got \(useFold))") }
        if let point {
            guard options.fold == nil && !options.shardFromEnv else { throw ValidationError("give one of --point, --fold and --shard-from-env") }
            guard FoldShare(parsing: point) != nil else { throw ValidationError("--point must look like i/N with 1 ≤ i ≤ N (got '\(point)')") }
        }
        if let points {
            // The sweep trains the pooled LSTM at each point's hidden size: refuse sizes beyond memory now.
            var o = options.overrides
            o.hidden = try Self.parse(points).map(\.hidden).max()
            o.models = ["lstm"]
            do { try o.checkMemory() } catch { throw ValidationError("--points \(points): \(error)") }
        }
    }

    /// Parses `hidden:epochs,…`.
    static func parse(_ text: String) throws -> [SweepPoint] {
        try text.split(separator: ",").map { item in
            let p = item.split(separator: ":")
            guard p.count == 2, let h = Int(p[0]), let e = Int(p[1]), (1...65_536).contains(h), (1...1_000_000).contains(e) else {
                throw ValidationError("--points: '\(item)' is not hidden:epochs with hidden in 1…65536 and epochs in 1…1000000")
            }
            return SweepPoint(hidden: h, epochs: e)
        }
    }

    func run() throws {
        var config = options.config()
        if let point { config.foldShare = FoldShare(parsing: point) }
        let progress = options.prepare(config)
        let pts = try points.map(Self.parse) ?? SweepPoint.defaults
        let inputs = try ResearchInputs.load(dataPath: data, indexPath: index, fundamentalsPath: fundamentals, sectorsPath: sectors,
                                             progress: progress)
        let s = try ResearchRun.sweep(inputs: inputs, config: config, points: pts, foldIndex: useFold - 1, outDir: out, progress: progress)
        print(OverfitSweep.table(s))
        if let b = OverfitSweep.bestByValidation(s) { print("best by validation Sharpe: \(s[b].point.label)") }
        print("chart: \(out)/sweep.html")
    }
}
