import Foundation

/// Atomic single-file writes for files outside a run directory's set (e.g. `screen --json`):
/// the data go to a temporary file beside the target, are flushed to disk and renamed over it,
/// so readers see the old file or the new one, never a part. The temporary file is removed when
/// anything fails. (A run directory's files are published as a set by ``RunDirectory``.)
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the directory if needed. Throws
    /// ``OutputError/writeFailed(path:file:reason:)`` with the system's reason (e.g. no space left).
    public static func write(_ data: Data, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw OutputError.writeFailed(path: directory, file: nil, reason: RunDirectory.reason(error))
            }
        }
        let temporary = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".tmp-" + UUID().uuidString.lowercased()
        do {
            try DurableFile.write(data, to: temporary)
            guard rename(temporary, path) == 0 else {
                throw OutputError.writeFailed(path: directory, file: (path as NSString).lastPathComponent, reason: String(cString: strerror(errno)))
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes UTF-8 `text` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
