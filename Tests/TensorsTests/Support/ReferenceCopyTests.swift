import Foundation
import Testing

/// The reference files bundled in Resources are verbatim copies of shared/refdata: a copy that
/// drifts from its source would let the suite test against stale numbers.
@Suite struct ReferenceCopyTests {
    @Test(arguments: [
        ("regression/nist_strd.json", "nist-strd/nist_strd.json"),
        ("lstm/lstm_reference.json", "lstm/lstm_reference.json"),
        ("nn/torch_lstm_small_expected.json", "lstm/torch_lstm_small_expected.json"),
        ("nn/torch_lstm_small.safetensors", "lstm/torch_lstm_small.safetensors"),
    ])
    func bundledCopyMatchesSharedReference(bundled: String, shared: String) throws {
        let parts = bundled.split(separator: "/")
        let file = String(parts[1]), dot = try #require(file.lastIndex(of: "."))
        let url = try #require(Bundle.module.url(forResource: String(file[..<dot]), withExtension: String(file[file.index(after: dot)...]),
                                                 subdirectory: "Resources/\(parts[0])"), "bundled \(bundled) missing")
        let copy = try Data(contentsOf: url)
        #expect(copy == (try ReferenceData.data(shared)), "\(bundled) differs from shared/refdata/\(shared)")
    }
}
