import ArgumentParser
import FactorLab
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Walk-forward research run: factors, screening, OLS and LSTM, top-k backtest, Tables I/II, report.",
        discussion: """
        Writes DIR/summary.json, DIR/predictions.csv (date,ticker,model,prediction: the forecast made at the close of date),
        DIR/equity.csv, DIR/trades.csv (one row per rebalance), DIR/run.json and DIR/report.html. Without --index the regimes come from the equal-weight universe.
        Hyperparameters are chosen per fold by time-series cross-validation on the fold's train and validation dates
        (--tune small by default: hidden 16 or 32 and the ridge penalty; --tune full searches 8 LSTM candidates at about 15× the
        training time; --tune off trains exactly the given values). Hyperparameters given explicitly (--hidden, --learning-rate,
        --weight-decay, --dropout) are not searched. With --fold i/N only that share of the walk-forward folds runs; combine the directories with `factorlab merge`.
        """)

    @Option(help: "Daily OHLCV CSV (date,ticker,open,high,low,close,volume; close-only accepted).") var data: String
    @Option(help: "Benchmark index CSV (date[,ticker],close) for regimes.") var index: String?
    @Option(help: "Point-in-time fundamentals CSV (ticker,announce_date,period_end,field…; see Docs/Fundamentals.md).") var fundamentals: String?
    @Option(help: "Sector map CSV (ticker,sector[,industry] or ticker,start,end,sector[,industry]; adds industry_return and per-sector IC).") var sectors: String?
    @Option(help: "Output directory.") var out: String = "factorlab-out"
    @Option(help: "Adopt the best-by-validation point (hidden size, epochs) of a `factorlab sweep` output directory for the LSTM.") var fromSweep: String?
    @OptionGroup var options: PipelineOptions

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out must not be empty") }
    }

    func run() throws {
        var config = options.config()
        let progress = options.prepare(config)
        if let fromSweep {
            let p = try config.adoptBestSweepPoint(directory: fromSweep)
            progress.message("adopted sweep point \(p.label) from \(fromSweep) (hidden \(p.hidden), \(p.epochs) epochs, no early stopping)")
        }
        let inputs = try ResearchInputs.load(dataPath: data, indexPath: index, fundamentalsPath: fundamentals, sectorsPath: sectors,
                                             progress: progress)
        if let e = try ResearchRun.execute(inputs: inputs, config: config, outDir: out, progress: progress) {
            print(ConsoleTables.tables(e, models: config.models), terminator: "")
        } else {
            print("partial run (--fold \(config.foldShare?.description ?? "")) written to \(out); merge with `factorlab merge`")
        }
        print("outputs in \(out)/ (summary.json, predictions.csv, equity.csv, report.html, benchmark.md)")
    }
}
