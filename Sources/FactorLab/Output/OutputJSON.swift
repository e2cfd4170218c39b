import Quant
import Foundation

/// The one Codable route of the files FactorLab writes and reads back (`run.json`, `sweep.json`,
/// the screen table): sorted keys, pretty-printed, NaN and ±inf as the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"` (JSON has no such numbers), so output bytes are deterministic
/// and every number round-trips.
public enum OutputJSON {
    /// Encodes `value` (sorted keys, pretty-printed, non-finite numbers as strings).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try e.encode(value)
    }

    /// Decodes the file at `path`; throws ``PipelineError/badOutput(path:reason:)`` naming `what`
    /// when it cannot be read or does not match.
    public static func decode<T: Decodable>(_ type: T.Type, path: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.badOutput(path: path, reason: "cannot read file")
        }
        return try decode(type, data: data, path: path, what: what)
    }

    /// Decodes `data` read from `path` (which only labels errors).
    public static func decode<T: Decodable>(_ type: T.Type, data: Data, path: String, what: String) throws -> T {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do { return try d.decode(T.self, from: data) } catch {
            throw PipelineError.badOutput(path: path, reason: "not a factorlab \(what) (\(error))")
        }
    }
}
