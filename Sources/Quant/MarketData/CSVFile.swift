import Foundation

/// Reads a CSV file into Quant's `CSVTable` (its fast path for quote-free files), mapping its
/// errors into ``MarketDataError``.
enum CSVFile {
    static func read(_ path: String) throws -> CSVTable {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw MarketDataError.csv(.empty(path: path))
        }
        do { return try CSVTable(contentsOf: path) } catch let e as CSVTableError { throw MarketDataError.csv(e) }
    }
}
