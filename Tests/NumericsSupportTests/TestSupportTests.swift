import Foundation
import NumericsSupport
import TestSupport
import Testing

/// The shared test helpers themselves (a wrong tolerance rule would weaken every suite).
@Suite struct TestSupportTests {
    @Test func closeIsNumpyIsclose() {
        #expect(close(1 + 1e-10, 1) && !close(1 + 1e-8, 1))
        #expect(close(1e-13, 0) && !close(1e-11, 0))
        #expect(close(.nan, .nan) && !close(.nan, 1) && !close(1, .nan))
        #expect(close(.infinity, .infinity) && !close(.infinity, -.infinity) && !close(1e308, .infinity))
        #expect(close([1, .nan], [1, .nan]) && !close([1], [1, 1]))
        #expect(firstMismatch([1, 2, 3], [1, 2.5, 3]) == "at 1: 2.0 vs 2.5" && firstMismatch([1], [1]) == "none")
        #expect(relativeDifference(1.5, 1) == 0.5 && relativeDifference(.nan, .nan) == 0 && relativeDifference(2, 0, floor: 0.5) == 4)
    }

    @Test func testDrawsComeFromSplitMix64() {
        var a = SplitMix64(state: 9), b = SplitMix64(state: 9)
        #expect(a.unit() == Double(b.next() >> 11) / 9_007_199_254_740_992)
        let u = (0..<1000).map { _ in a.unit() }
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 } && Set(u).count == 1000)
    }

    @Test func referenceDataIsFoundAndMissingFilesThrow() throws {
        let folder = try #require(ReferenceData.folder(), "shared/refdata not found (set FACTORLAB_REFDATA)")
        #expect(folder.lastPathComponent == "refdata")
        #expect(try ReferenceData.url("nist-strd/Longley.dat").lastPathComponent == "Longley.dat")
        #expect(throws: ReferenceData.MissingFile.self) { try ReferenceData.url("no/such/file.json") }
    }
}
