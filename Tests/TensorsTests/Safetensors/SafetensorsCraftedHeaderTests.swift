import Foundation
import Testing
@testable import Tensors

/// Hostile headers must fail at open with a typed error, never trap later in `tensor(_:)`.
@Suite struct SafetensorsCraftedHeaderTests {
    /// Writes the image to disk and opens it the way users do.
    static func open(_ header: String, data: [UInt8] = []) throws -> SafetensorsFile {
        let dir = try NNFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("crafted.safetensors")
        try Data(SafetensorsTests.image(header, data: data)).write(to: url)
        return try SafetensorsFile(contentsOf: url)
    }

    @Test func zeroExtentCannotHideAnOverflowingStride() {
        // The issue's case: 0 elements, but the row-major strides 2³²·2³² do not fit in Int.
        #expect(throws: SafetensorsError.shapeOverflow(tensor: "a", shape: [0, 4294967296, 4294967296])) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#)
        }
        #expect(throws: SafetensorsError.shapeOverflow(tensor: "a", shape: [4294967296, 4294967296, 0])) {
            try Self.open(#"{"a":{"dtype":"F64","shape":[4294967296,4294967296,0],"data_offsets":[0,0]}}"#)
        }
    }

    @Test func overflowingElementAndByteCounts() {
        #expect(throws: SafetensorsError.shapeOverflow(tensor: "a", shape: [4294967296, 4294967296])) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}}"#)
        }
        // 2⁶² elements fit in Int, their 2⁶⁴ bytes do not.
        #expect(throws: SafetensorsError.shapeOverflow(tensor: "a", shape: [4611686018427387904])) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,8]}}"#)
        }
    }

    @Test func negativeExtentsAndOffsets() {
        #expect(throws: SafetensorsError.invalidHeader("tensor a has a negative extent in shape [-1, 2]")) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[-1,2],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}}"#, data: .init(repeating: 0, count: 8))
        }
    }

    @Test func offsetsPastTheEndAndMismatchedByteCounts() {
        #expect(throws: SafetensorsError.dataLengthMismatch(expected: 16, actual: 8)) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, data: .init(repeating: 0, count: 8))
        }
        #expect(throws: SafetensorsError.invalidOffsets(tensor: "b", begin: 1 << 40, end: (1 << 40) + 8, expectedBegin: 8)) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[1099511627776,1099511627784]}}"#,
                          data: .init(repeating: 0, count: 16))
        }
        #expect(throws: SafetensorsError.sizeMismatch(tensor: "a", expectedBytes: 12, actualBytes: 8)) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: .init(repeating: 0, count: 8))
        }
        #expect(throws: SafetensorsError.self) {
            try Self.open(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,18446744073709551615]}}"#, data: .init(repeating: 0, count: 8))
        }
    }

    @Test func emptyTensorsWithRepresentableShapesStillLoad() throws {
        let file = try Self.open(#"{"a":{"dtype":"F32","shape":[0,3,4],"data_offsets":[0,0]}}"#)
        let t: Tensor<Float> = try file.tensor("a")
        #expect(t.shape == [0, 3, 4] && t.scalars.isEmpty)
    }
}
