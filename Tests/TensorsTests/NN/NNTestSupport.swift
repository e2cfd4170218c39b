import Foundation
import Testing
@testable import Tensors

/// Resource access and comparisons shared by the NN/Optim/Training/Safetensors tests.
enum NNFixtures {
    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources/nn"),
                     "missing test resource Resources/nn/\(name).\(ext)")
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name, "json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A fresh scratch directory under the system temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("factorlab-nn-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Doubles from a JSON array (numbers or nested arrays, flattened).
func flatDoubles(_ value: Any?) -> [Double] {
    if let number = value as? NSNumber { return [number.doubleValue] }
    if let array = value as? [Any] { return array.flatMap(flatDoubles) }
    return []
}

/// The largest |a − b| / max(1, |b|).
func maxRelativeError<S: BinaryFloatingPoint>(_ a: [S], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "compare: \(a.count) vs \(b.count) values")
    return zip(a, b).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
}
