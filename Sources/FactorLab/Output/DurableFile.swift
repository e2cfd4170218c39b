import Foundation

/// Writes that reach the disk before they are relied on: `write` + `fsync` with POSIX errors
/// reported as text (a full disk reads "No space left on device").
enum DurableFile {
    /// Creates (or truncates) `path` with `data` and flushes it to disk.
    static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path) }
        defer { close(fd) }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(path)
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw failure(path) }
    }

    /// Flushes a directory's entries (the renames into it) to disk; best effort.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// The error for `path` with the current `errno`, naming the output directory (not the staging folder).
    private static func failure(_ path: String) -> OutputError {
        var directory = (path as NSString).deletingLastPathComponent
        if (directory as NSString).lastPathComponent.hasPrefix(RunDirectory.stagingPrefix) {
            directory = (directory as NSString).deletingLastPathComponent
        }
        return OutputError.writeFailed(path: directory, file: (path as NSString).lastPathComponent, reason: String(cString: strerror(errno)))
    }
}
