import Foundation

/// Runs a built executable of the package as a user would — arguments, environment, working
/// directory — with a timeout, and captures what it says. Output goes through files rather than
/// pipes, so a chatty command cannot block on a full pipe while the runner waits for it.
public enum ProcessRunner {
    /// What one run did.
    public struct Outcome: Sendable {
        /// Exit status, or the signal number when `signalled`.
        public var status: Int32
        /// The process was killed by a signal (a crash: SIGILL from a Swift trap, SIGABRT, SIGSEGV, or SIGKILL).
        public var signalled: Bool
        /// The runner killed it after the timeout.
        public var timedOut: Bool
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
        /// Seconds from launch to exit.
        public var seconds: Double
    }

    /// The executable `name` built beside the test bundle `bundle` (`swift build --build-tests`
    /// builds the package's executables into the same folder).
    public static func builtExecutable(_ name: String, besides bundle: Bundle) -> URL {
        bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `executable` with `arguments` in `directory` (default: a temporary folder); the
    /// environment is this process's with `environment` applied (`nil` values remove a variable)
    /// and `OPENBLAS_NUM_THREADS=1` unless given. Kills the process after `timeout` seconds.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
                           in directory: URL? = nil, timeout: Double = 120) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("process-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let start = Date()
        try process.run()
        var timedOut = false
        while process.isRunning {
            if Date().timeIntervalSince(start) > timeout {
                timedOut = true
                process.terminate()
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        func text(_ url: URL) -> String { String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stdout: text(outURL), stderr: text(errURL), seconds: Date().timeIntervalSince(start))
    }
}
