import Foundation
import TestSupport

/// The built `factorlab` executable, run through TestSupport's ``ProcessRunner``.
enum ExecutableRunner {
    /// What one run did.
    typealias Outcome = ProcessRunner.Outcome

    /// The built `factorlab` executable.
    static var factorlab: URL { ProcessRunner.builtExecutable("factorlab", besides: Bundle.module) }

    /// Runs `factorlab` with `arguments` (in `directory`, with `environment` applied); kills it after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String?] = [:],
                    timeout: Double = 120) throws -> Outcome {
        try ProcessRunner.run(factorlab, arguments, environment: environment, in: directory, timeout: timeout)
    }
}
