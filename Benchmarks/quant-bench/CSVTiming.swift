import ArgumentParser
import Foundation
import Quant

/// Load timing of a long OHLCV CSV through `CSVTable`: split, then every column parsed the way
/// the pipeline loader reads it (numbers from bytes, date/ticker interned).
struct CSVTiming: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "CSVTable load + column parse timing.")

    @Option(help: "CSV file (long format: date,ticker,open,high,low,close,volume).")
    var file: String = "../shared/refdata/market/sp500_stocks_2013-02-08_2018-02-07_ohlcv.csv"
    @Option(help: "Timed repetitions.") var repeats: Int = 3
    @Flag(help: "Check every numeric field against Double(String) of its text (exactness).") var verify = false

    func run() throws {
        var split = 0.0, rows = 0, cols = 0
        let t = try medianSeconds(repeats: repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let table = try CSVTable(contentsOf: file)
            split = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            rows = table.rowCount; cols = table.header.count
            for (i, name) in table.header.enumerated() {
                if name == "date" || name == "ticker" { _ = table.internedColumn(atColumn: i) }
                else { _ = table.numbers(atColumn: i) }
            }
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
        print("csv: \(file): \(rows) rows × \(cols) columns, 1 thread, load \(load)")
        print(String(format: "load+parse median %.3f s over %d runs (all: %@); last split %.3f s", t.median, repeats,
                     t.all.map { String(format: "%.3f", $0) }.joined(separator: " "), split))
        guard verify else { return }
        let table = try CSVTable(contentsOf: file)
        var checked = 0
        for (i, name) in table.header.enumerated() where name != "date" && name != "ticker" {
            let fast = table.numbers(atColumn: i)
            for r in 0..<table.rowCount {
                let text = table.field(row: r, column: i)
                let slow = CSVTable.parseNumber(text)
                let same = (fast[r] == nil && slow == nil)
                    || (fast[r].map { $0.bitPattern } == slow.map { $0.bitPattern })
                    || (fast[r]?.isNaN == true && slow?.isNaN == true)
                guard same else { throw ValidationError("row \(r) column \(name): '\(text)' parsed \(String(describing: fast[r])), expected \(String(describing: slow))") }
                checked += 1
            }
        }
        print("verify: \(checked) numeric fields identical to Double(String)")
    }
}
