import Foundation

/// One tensor's header entry: name, dtype, shape and byte range in the data section.
public struct SafetensorsEntry: Sendable, Equatable {
    /// The tensor's key (PyTorch `state_dict` name for model files).
    public var name: String
    /// The element type.
    public var dtype: SafetensorsDType
    /// The extents, row-major.
    public var shape: [Int]
    /// The byte range relative to the start of the data section.
    public var byteRange: Range<Int>
}

/// A validated, in-memory safetensors file (the format of Hugging Face `safetensors`).
///
/// Layout: an 8-byte little-endian header length `n`, `n` bytes of UTF-8 JSON
/// `{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}`,
/// then the data section of raw little-endian, row-major tensors. Loading validates
/// everything (see `Docs/Safetensors.md`) and throws ``SafetensorsError`` on any
/// inconsistency or truncation, so a value of this type is always well-formed.
public struct SafetensorsFile: Sendable {
    /// The free-form `__metadata__` map (empty when absent).
    public let metadata: [String: String]
    /// The tensors, ordered by their position in the data section.
    public let entries: [SafetensorsEntry]
    private let bytes: [UInt8]
    private let dataStart: Int
    private let index: [String: Int]

    /// The format's cap on the header (as the reference implementation: 100 MB).
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// Reads and validates the file at `url`.
    public init(contentsOf url: URL) throws {
        try self.init(bytes: Self.readFile(url.path))
    }

    /// Validates a file image.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw SafetensorsError.fileTooSmall(bytes: bytes.count) }
        var declared: UInt64 = 0
        for i in 0..<8 { declared |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard declared <= Self.maximumHeaderLength, declared <= UInt64(bytes.count - 8) else {
            throw SafetensorsError.headerLengthOutOfRange(declared: declared, fileBytes: bytes.count)
        }
        let headerEnd = 8 + Int(declared)
        let header = bytes[8..<headerEnd]
        guard header.first == UInt8(ascii: "{") else {
            throw SafetensorsError.invalidHeader("the JSON header must start with '{'")
        }
        guard String(validating: header, as: UTF8.self) != nil else {
            throw SafetensorsError.invalidHeader("the header is not valid UTF-8")
        }
        let raw: [String: HeaderValue]
        do {
            raw = try JSONDecoder().decode([String: HeaderValue].self, from: Data(header))
        } catch {
            throw SafetensorsError.invalidHeader("not a JSON object of tensor entries (\(error))")
        }
        var metadata: [String: String] = [:]
        var entries: [SafetensorsEntry] = []
        for (name, value) in raw {
            if name == "__metadata__" {
                guard case let .metadata(map) = value else {
                    throw SafetensorsError.invalidHeader("__metadata__ must map strings to strings")
                }
                metadata = map
                continue
            }
            guard case let .tensor(dtypeName, shape, offsets) = value else {
                throw SafetensorsError.invalidHeader("tensor \(name) lacks dtype, shape or data_offsets")
            }
            guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
                throw SafetensorsError.unknownDType(tensor: name, dtype: dtypeName)
            }
            guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw SafetensorsError.invalidHeader("tensor \(name) has data_offsets \(offsets), need [begin, end] with 0 ≤ begin ≤ end")
            }
            guard shape.allSatisfy({ $0 >= 0 }) else {
                throw SafetensorsError.invalidHeader("tensor \(name) has a negative extent in shape \(shape)")
            }
            // The product of the non-zero extents bounds every row-major stride, so checking it (and
            // its byte count) for overflow here keeps a zero extent from hiding an unrepresentable
            // stride such as [0, 2³², 2³²] (which would trap later in Tensor's stride computation).
            var span = 1, elements = 1
            for extent in shape {
                let (product, overflow) = span.multipliedReportingOverflow(by: max(extent, 1))
                guard !overflow else { throw SafetensorsError.shapeOverflow(tensor: name, shape: shape) }
                span = product
                elements = extent == 0 ? 0 : elements
            }
            if elements != 0 { elements = span }
            guard !span.multipliedReportingOverflow(by: dtype.byteSize).overflow else {
                throw SafetensorsError.shapeOverflow(tensor: name, shape: shape)
            }
            let needed = elements * dtype.byteSize
            guard needed == offsets[1] - offsets[0] else {
                throw SafetensorsError.sizeMismatch(tensor: name, expectedBytes: needed, actualBytes: offsets[1] - offsets[0])
            }
            entries.append(SafetensorsEntry(name: name, dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1]))
        }
        // Ranges must tile [0, data length) exactly: no gaps, overlaps or unread bytes.
        entries.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var expectedBegin = 0
        for entry in entries {
            guard entry.byteRange.lowerBound == expectedBegin else {
                throw SafetensorsError.invalidOffsets(tensor: entry.name, begin: entry.byteRange.lowerBound,
                                                      end: entry.byteRange.upperBound, expectedBegin: expectedBegin)
            }
            expectedBegin = entry.byteRange.upperBound
        }
        let dataLength = bytes.count - headerEnd
        guard expectedBegin == dataLength else {
            throw SafetensorsError.dataLengthMismatch(expected: expectedBegin, actual: dataLength)
        }
        self.metadata = metadata
        self.entries = entries
        self.bytes = bytes
        self.dataStart = headerEnd
        self.index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.name, $0) })
    }

    /// The tensor names, in data-section order.
    public var names: [String] { entries.map(\.name) }

    /// The header entry named `name`, if present.
    public func entry(_ name: String) -> SafetensorsEntry? { index[name].map { entries[$0] } }

    /// The tensor `name` converted to `Scalar`.
    ///
    /// F32, F16 and BF16 convert exactly to either scalar; F64 converts exactly to `Double`
    /// and, only with `allowLossyConversion`, to `Float` (rounding to nearest).
    /// - Throws: ``SafetensorsError/missingTensor(_:)``, ``SafetensorsError/unsupportedConversion(tensor:dtype:to:)``
    ///   (integer/bool/FP8 dtypes), ``SafetensorsError/lossyConversion(tensor:dtype:to:)``.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func tensor<Scalar: TensorScalar>(
        _ name: String, as _: Scalar.Type = Scalar.self, allowLossyConversion: Bool = false
    ) throws -> Tensor<Scalar> {
        guard let entry = entry(name) else { throw SafetensorsError.missingTensor(name) }
        let target = SafetensorsDType.of(Scalar.self)
        if entry.dtype == .f64 && target == .f32 && !allowLossyConversion {
            throw SafetensorsError.lossyConversion(tensor: name, dtype: entry.dtype.rawValue, to: target.rawValue)
        }
        let start = dataStart + entry.byteRange.lowerBound
        return try bytes.withUnsafeBytes { raw -> Tensor<Scalar> in
            // Loads are unaligned-safe: a foreign file need not align its data section.
            switch entry.dtype {
            case .f32:
                return Tensor(shape: entry.shape) { i in
                    Scalar(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4 * i, as: UInt32.self))))
                }
            case .f64:
                return Tensor(shape: entry.shape) { i in
                    Scalar(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self))))
                }
            case .f16:
                return Tensor(shape: entry.shape) { i in
                    Scalar(Self.halfToFloat(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self))))
                }
            case .bf16:
                return Tensor(shape: entry.shape) { i in
                    let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + 2 * i, as: UInt16.self))
                    return Scalar(Float(bitPattern: UInt32(bits) << 16))
                }
            default:
                throw SafetensorsError.unsupportedConversion(tensor: name, dtype: entry.dtype.rawValue, to: target.rawValue)
            }
        }
    }

    /// IEEE binary16 → binary32, exact (including subnormals, infinities and NaN payloads).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x3FF)
        switch exponent {
        case 0:
            // Subnormal or zero: value = mantissa · 2⁻²⁴, exact in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        case 31:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
        }
    }
}

/// A raw header value: a tensor entry or the `__metadata__` string map.
private enum HeaderValue: Decodable {
    case tensor(dtype: String, shape: [Int], offsets: [Int])
    case metadata([String: String])
    case other

    private enum Keys: String, CodingKey { case dtype, shape, data_offsets }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: Keys.self),
           let dtype = try? container.decode(String.self, forKey: .dtype),
           let shape = try? container.decode([Int].self, forKey: .shape),
           let offsets = try? container.decode([Int].self, forKey: .data_offsets) {
            self = .tensor(dtype: dtype, shape: shape, offsets: offsets)
        } else if let map = try? decoder.singleValueContainer().decode([String: String].self) {
            self = .metadata(map)
        } else {
            self = .other
        }
    }
}
