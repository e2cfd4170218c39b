import Quant
import Foundation

/// Atomic file writes (temporary file in the same directory, then rename).
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the directory if needed.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    /// Writes UTF-8 `text` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
