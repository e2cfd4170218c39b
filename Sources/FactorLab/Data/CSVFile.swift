import Foundation
import Quant

/// Reads a CSV file into Quant's `CSVTable`.
///
/// The file is read whole and parsed from text: `CSVTable(contentsOf:)` streams through
/// Foundation's `InputStream`, which on Linux reports bytes available at end of file, so CSV.swift
/// fails every file with `cannotReadFile` at EOF (seen with swift-corelibs-foundation, Swift 6.3).
enum CSVFile {
    static func read(_ path: String) throws -> CSVTable {
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw MarketDataError.csv(.cannotOpen(path: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MarketDataError.csv(.malformed(path: path, reason: "not UTF-8 text"))
        }
        if text.allSatisfy(\.isWhitespace) { throw MarketDataError.csv(.empty(path: path)) }
        do { return try CSVTable(text: text, path: path) } catch let e as CSVTableError { throw MarketDataError.csv(e) }
    }
}
