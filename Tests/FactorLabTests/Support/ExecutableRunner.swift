import Foundation

/// Runs the built `factorlab` executable as a user would, with a timeout, and captures what it says.
///
/// The executable is built with the tests (`swift build --build-tests`) and sits next to the test
/// bundle. Output goes through files rather than pipes, so a chatty command cannot block on a full
/// pipe while the runner waits for it.
enum ExecutableRunner {
    /// What one run did.
    struct Outcome {
        /// Exit status, or the signal number when `signalled`.
        var status: Int32
        /// The process was killed by a signal (a crash: SIGILL from a Swift trap, SIGABRT, SIGSEGV, …).
        var signalled: Bool
        /// The runner killed it after the timeout.
        var timedOut: Bool
        var stdout: String
        var stderr: String
        /// Seconds from launch to exit.
        var seconds: Double
    }

    /// The built `factorlab` executable.
    static var factorlab: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("factorlab")
    }

    /// Runs `executable` with `arguments` in `directory`; kills it after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL, timeout: Double = 30,
                    executable: URL = factorlab) throws -> Outcome {
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
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
        func text(_ url: URL) -> String {
            String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
        }
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut, stdout: text(outURL), stderr: text(errURL), seconds: Date().timeIntervalSince(start))
    }
}
