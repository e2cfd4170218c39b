/// A run directory cannot be written, or what it holds cannot be trusted.
public enum OutputError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The path cannot serve as an output directory (not a directory, not creatable, not writable).
    case unusable(path: String, reason: String)
    /// Another process is writing the directory (it holds the lock).
    case busy(path: String)
    /// Writing failed (e.g. no space left); the previous set, if any, is left as it was.
    case writeFailed(path: String, file: String?, reason: String)
    /// The directory holds no complete, published set.
    case incomplete(path: String, reason: String)
    /// A file does not match the manifest.
    case corrupt(path: String, file: String, reason: String)

    public var description: String {
        switch self {
        case let .unusable(p, r): return "output directory \(p): \(r)"
        case let .busy(p): return "output directory \(p): another factorlab process is writing to it; wait for it or choose another --out"
        case let .writeFailed(p, f, r): return "cannot write \(f.map { "\(p)/\($0)" } ?? p): \(r); the directory's previous outputs, if any, are unchanged"
        case let .incomplete(p, r): return "\(p): not a complete factorlab output: \(r)"
        case let .corrupt(p, f, r): return "\(p)/\(f): \(r)"
        }
    }
}
