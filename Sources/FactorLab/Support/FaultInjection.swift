import Foundation
import Synchronization

/// Test hooks for the output-set fault-injection suite, read once from the environment variable
/// `FACTORLAB_FAULT_INJECTION` (unset in normal use, when every hook does nothing):
///
/// - `kill-at=N`: the process kills itself (`SIGKILL`, as `kill -9`) just before the N-th write
///   step of the next publish (steps: staging each file, removing the manifest, each rename,
///   renaming the manifest; numbered from 1 over the process).
/// - `pause=S`: sleeps S seconds after staging, before anything is replaced (a slow writer, for
///   the concurrent-writer test).
struct FaultInjection: Sendable {
    var killAt: Int?
    var pause: Double?

    static let current: FaultInjection = {
        var f = FaultInjection()
        for item in (ProcessInfo.processInfo.environment["FACTORLAB_FAULT_INJECTION"] ?? "").split(separator: ",") {
            let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            if kv[0] == "kill-at" { f.killAt = Int(kv[1]) }
            if kv[0] == "pause" { f.pause = Double(kv[1]) }
        }
        return f
    }()

    private static let counter = StepCounter()

    /// Counts a write step and kills the process at the configured one.
    func step(_ what: String) {
        guard let killAt else { return }
        if Self.counter.next() == killAt {
            FileHandle.standardError.write(Data("fault injection: kill -9 before '\(what)'\n".utf8))
            kill(getpid(), SIGKILL)
        }
    }

    /// Sleeps when configured.
    func pauseBeforePublishing() {
        if let pause { Thread.sleep(forTimeInterval: pause) }
    }
}

private final class StepCounter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}
