import Foundation
import Synchronization

/// An exclusive advisory lock (`flock`) on a run directory, so two processes never write one
/// output directory at the same time. The kernel releases it when the process ends, even by
/// `kill -9`, so a crash never leaves a stale lock. Re-entrant within a process (a demo writes its
/// sweep and its run into one directory).
final class DirectoryLock: Sendable {
    private static let held = Mutex<[String: (fd: Int32, count: Int)]>([:])
    let path: String

    private init(path: String) { self.path = path }

    /// Takes the lock of `directory` (which must exist) or throws ``OutputError/busy(path:)`` at once
    /// when another process holds it.
    static func acquire(_ directory: String) throws -> DirectoryLock {
        let file = (directory as NSString).appendingPathComponent(RunDirectory.lockFileName)
        try held.withLock { held in
            if let h = held[file] {
                held[file] = (h.fd, h.count + 1)
                return
            }
            let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw OutputError.unusable(path: directory, reason: "cannot create its lock file (\(String(cString: strerror(errno))))") }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                let e = errno
                close(fd)
                if e == EWOULDBLOCK { throw OutputError.busy(path: directory) }
                throw OutputError.unusable(path: directory, reason: "cannot lock it (\(String(cString: strerror(e))))")
            }
            held[file] = (fd, 1)
        }
        return DirectoryLock(path: file)
    }

    /// Gives the lock back (the last holder in the process unlocks).
    func release() {
        Self.held.withLock { held in
            guard let h = held[path] else { return }
            if h.count > 1 { held[path] = (h.fd, h.count - 1); return }
            flock(h.fd, LOCK_UN)
            close(h.fd)
            held[path] = nil
        }
    }
}
