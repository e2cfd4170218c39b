import Tensors
import Testing

/// Runs a test with `BLAS.threads` pinned to `count` and restores the previous count afterwards
/// (determinism is promised per thread count; a test must not leave the process changed).
struct BLASThreadsTrait: TestTrait, TestScoping {
    let count: Int

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let previous = BLAS.threads
        BLAS.threads = count
        defer { BLAS.threads = previous }
        try await function()
    }
}

extension Trait where Self == BLASThreadsTrait {
    /// Pins `BLAS.threads` to `count` for the test.
    static func blasThreads(_ count: Int) -> Self { BLASThreadsTrait(count: count) }
}
