import Foundation
import Testing
@testable import Tensors

@Suite struct SafetensorsTests {
    /// A file image from a header text and a data section.
    static func image(_ header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
        let h = Array(header.utf8)
        var bytes = [UInt8]()
        withUnsafeBytes(of: (declaredLength ?? UInt64(h.count)).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes + h + data
    }

    static func expectError(_ expected: SafetensorsError, _ bytes: [UInt8],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: expected, sourceLocation: sourceLocation) { try SafetensorsFile(bytes: bytes) }
    }

    @Test func roundTripThroughDiskIsExactAndAtomic() throws {
        let dir = try NNFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("weights.safetensors")
        let a = Tensor<Double>(shape: [2, 3]) { Double($0) * 0.1 - 0.25 }
        let b = Tensor<Double>(shape: [4]) { [Double.pi, -0.0, .greatestFiniteMagnitude, .leastNonzeroMagnitude][$0] }
        let scalar = Tensor<Double>(shape: [], scalars: [7])
        let empty = Tensor<Double>.zeros([0, 5])
        try SafetensorsFile.write([("layer.weight", a), ("layer.bias", b), ("scale", scalar), ("none", empty)],
                                  metadata: ["format": "pt", "note": "quote \" and \\ and \n"], to: url)
        // Overwrite in place: the rename replaces the first file.
        try SafetensorsFile.write([("layer.weight", a), ("layer.bias", b), ("scale", scalar), ("none", empty)],
                                  metadata: ["format": "pt", "note": "quote \" and \\ and \n"], to: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["weights.safetensors"])
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.names == ["layer.weight", "layer.bias", "scale", "none"])
        #expect(file.metadata == ["format": "pt", "note": "quote \" and \\ and \n"])
        #expect(try file.tensor("layer.weight", as: Double.self) == a)
        #expect(try file.tensor("layer.bias", as: Double.self).scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern))
        #expect(try file.tensor("scale", as: Double.self) == scalar)
        #expect(try file.tensor("none", as: Double.self).shape == [0, 5])
        #expect(file.entry("layer.bias")?.dtype == .f64)
        // Header padded with spaces so the data section is 8-byte aligned (as torch writes it).
        let bytes = try SafetensorsFile.serialize([("x", a)])
        let n = Int(bytes[0]) | Int(bytes[1]) << 8
        #expect((8 + n) % 8 == 0 && bytes[8 + n - 1] == UInt8(ascii: " ") || (8 + n) % 8 == 0)
        #expect(bytes.count == 8 + n + 6 * 8)
    }

    @Test func floatRoundTripAndLossyConversionRules() throws {
        let f = Tensor<Float>(shape: [3], scalars: [1.5, -2.25, 1e-30])
        let file = try SafetensorsFile(bytes: SafetensorsFile.serialize([("f", f)]))
        #expect(file.entry("f")?.dtype == .f32)
        #expect(try file.tensor("f", as: Float.self) == f)
        // F32 → Double is exact.
        #expect(try file.tensor("f", as: Double.self).scalars == f.scalars.map(Double.init))
        let d = Tensor<Double>(shape: [1], scalars: [0.1])
        let dfile = try SafetensorsFile(bytes: SafetensorsFile.serialize([("d", d)]))
        #expect(throws: SafetensorsError.lossyConversion(tensor: "d", dtype: "F64", to: "F32")) {
            try dfile.tensor("d", as: Float.self)
        }
        #expect(try dfile.tensor("d", as: Float.self, allowLossyConversion: true).scalars == [Float(0.1)])
        #expect(throws: SafetensorsError.missingTensor("nope")) { try dfile.tensor("nope", as: Double.self) }
        #expect(throws: SafetensorsError.duplicateName("d")) {
            try SafetensorsFile.serialize([("d", d), ("d", d)])
        }
    }

    @Test func readsEveryFloatDTypeWrittenByPyTorch() throws {
        let file = try SafetensorsFile(contentsOf: NNFixtures.url("nn_torch_dtypes", "safetensors"))
        let expected = try NNFixtures.json("nn_torch_dtypes")
        #expect(file.metadata == ["source": "nn_safetensors_reference.py"])
        for name in ["half", "bfloat", "single", "double"] {
            let ref = try #require(expected[name] as? [String: Any])
            let tensor = try file.tensor(name, as: Double.self)
            #expect(tensor.shape == (ref["shape"] as? [Int]))
            // Conversions to Double are exact: compare bit for bit.
            #expect(tensor.scalars == flatDoubles(ref["values"]), "\(name)")
        }
        #expect(try file.tensor("half", as: Float.self).scalars[4] == 0x1p-24)  // subnormal half
        #expect(throws: SafetensorsError.unsupportedConversion(tensor: "counts", dtype: "I32", to: "F64")) {
            try file.tensor("counts", as: Double.self)
        }
        #expect(file.entry("counts")?.shape == [3])
    }

    @Test func halfPrecisionSpecialValues() {
        #expect(SafetensorsFile.halfToFloat(0x3C00) == 1)
        #expect(SafetensorsFile.halfToFloat(0xC000) == -2)
        #expect(SafetensorsFile.halfToFloat(0x7BFF) == 65504)
        #expect(SafetensorsFile.halfToFloat(0x03FF) == Float(0x3FF) * 0x1p-24)
        #expect(SafetensorsFile.halfToFloat(0x7C00) == .infinity)
        #expect(SafetensorsFile.halfToFloat(0xFC00) == -.infinity)
        #expect(SafetensorsFile.halfToFloat(0x7E00).isNaN)
        #expect(SafetensorsFile.halfToFloat(0x8000).bitPattern == (-Float(0)).bitPattern)
    }

    @Test func truncatedFilesThrow() throws {
        let bytes = try SafetensorsFile.serialize([("w", Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4]))])
        Self.expectError(.fileTooSmall(bytes: 5), Array(bytes[..<5]))
        let headerLength = Int(bytes[0]) | Int(bytes[1]) << 8
        Self.expectError(.headerLengthOutOfRange(declared: UInt64(headerLength), fileBytes: 20), Array(bytes[..<20]))
        Self.expectError(.dataLengthMismatch(expected: 16, actual: 12), Array(bytes.dropLast(4)))
        Self.expectError(.dataLengthMismatch(expected: 16, actual: 20), bytes + [0, 0, 0, 0])
        // Truncated on disk too.
        let dir = try NNFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("cut.safetensors")
        try Data(bytes.dropLast(1)).write(to: url)
        #expect(throws: SafetensorsError.dataLengthMismatch(expected: 16, actual: 15)) {
            try SafetensorsFile(contentsOf: url)
        }
        #expect(throws: SafetensorsError.io(operation: "open", path: dir.path + "/missing", errno: ENOENT)) {
            try SafetensorsFile(contentsOf: dir.appendingPathComponent("missing"))
        }
    }

    @Test func corruptHeadersThrow() {
        let entry = #"{"dtype":"F32","shape":[2],"data_offsets":[0,8]}"#
        let data = [UInt8](repeating: 0, count: 8)
        // Valid baseline.
        #expect(throws: Never.self) { try SafetensorsFile(bytes: Self.image("{\"a\":\(entry)}", data: data)) }
        Self.expectError(.headerLengthOutOfRange(declared: 200_000_000, fileBytes: 8 + 6),
                         Self.image("{    }", declaredLength: 200_000_000))
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: Self.image("[1, 2]")) }
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: Self.image("{\"a\": \(entry)", data: data)) }
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(bytes: Self.image("{\"a\": 3}")) }
        #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(bytes: Self.image(#"{"a":{"dtype":"F32","shape":[2]}}"#, data: data))
        }
        #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(bytes: Self.image(#"{"__metadata__":{"k":1}}"#))
        }
        #expect(throws: SafetensorsError.self) {
            try SafetensorsFile(bytes: Self.image("{\"a\":\(entry)}", data: data).enumerated().map {
                $0.offset == 9 ? 0xFF : $0.element  // invalid UTF-8 inside the header
            })
        }
        Self.expectError(.unknownDType(tensor: "a", dtype: "F33"),
                         Self.image(#"{"a":{"dtype":"F33","shape":[2],"data_offsets":[0,8]}}"#, data: data))
        Self.expectError(.sizeMismatch(tensor: "a", expectedBytes: 12, actualBytes: 8),
                         Self.image(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: data))
        #expect(throws: SafetensorsError.self) {  // negative extent
            try SafetensorsFile(bytes: Self.image(#"{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}"#, data: data))
        }
        #expect(throws: SafetensorsError.self) {  // reversed offsets
            try SafetensorsFile(bytes: Self.image(#"{"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}}"#, data: data))
        }
    }

    @Test func offsetsMustTileTheDataSection() {
        let data = [UInt8](repeating: 0, count: 16)
        // Overlap: b starts inside a.
        Self.expectError(.invalidOffsets(tensor: "b", begin: 4, end: 12, expectedBegin: 8),
                         Self.image(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#, data: data))
        // Gap between a and b.
        Self.expectError(.invalidOffsets(tensor: "b", begin: 12, end: 16, expectedBegin: 8),
                         Self.image(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#, data: data))
        // Beyond the end of the file.
        Self.expectError(.dataLengthMismatch(expected: 24, actual: 16),
                         Self.image(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}}"#, data: data))
        // Out of order in the header is fine when the ranges tile.
        #expect(throws: Never.self) {
            try SafetensorsFile(bytes: Self.image(#"{"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: data))
        }
    }

    @Test func modelLoadIsStrictAndLeavesTheModelIntactOnError() throws {
        let dir = try NNFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = Chain(("body", Linear<Double>(inputSize: 3, outputSize: 2, seed: 1)),
                           ("head", Linear<Double>(inputSize: 2, outputSize: 1, seed: 2)))
        let url = dir.appendingPathComponent("model.safetensors")
        try source.saveSafetensors(to: url)
        var target = Chain(("body", Linear<Double>(inputSize: 3, outputSize: 2, seed: 9)),
                           ("head", Linear<Double>(inputSize: 2, outputSize: 1, seed: 8)))
        try target.loadSafetensors(from: url)
        #expect(target.parameters == source.parameters)
        #expect(try SafetensorsFile(contentsOf: url).metadata == ["format": "pt"])

        var wrongShape = Chain(("body", Linear<Double>(inputSize: 4, outputSize: 2, seed: 9)),
                               ("head", Linear<Double>(inputSize: 2, outputSize: 1, seed: 8)))
        let before = wrongShape.parameters
        #expect(throws: SafetensorsError.shapeMismatch(tensor: "body.weight", expected: [2, 4], found: [2, 3])) {
            try wrongShape.loadSafetensors(from: url)
        }
        #expect(wrongShape.parameters == before)
        var renamed = Chain(("encoder", Linear<Double>(inputSize: 3, outputSize: 2)), ("head", Linear<Double>(inputSize: 2, outputSize: 1)))
        #expect(throws: SafetensorsError.unexpectedTensors(["body.bias", "body.weight"])) {
            try renamed.loadSafetensors(from: url)
        }
        var single = Linear<Double>(inputSize: 3, outputSize: 2)
        try SafetensorsFile.write([("weight", single.weight)], to: url)
        #expect(throws: SafetensorsError.missingTensor("bias")) { try single.loadSafetensors(from: url) }
    }
}
