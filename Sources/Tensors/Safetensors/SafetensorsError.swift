/// Why a safetensors file could not be read, validated, converted or written.
public enum SafetensorsError: Error, Equatable, CustomStringConvertible {
    /// Fewer than the 8 bytes of the header-length prefix.
    case fileTooSmall(bytes: Int)
    /// The declared header length is beyond the file or the format's 100 MB limit.
    case headerLengthOutOfRange(declared: UInt64, fileBytes: Int)
    /// The header is not UTF-8 JSON of the expected structure; the text says where.
    case invalidHeader(String)
    /// A `"dtype"` not in the format.
    case unknownDType(tensor: String, dtype: String)
    /// A tensor's shape has an element or byte count (of its non-zero extents) beyond `Int`.
    case shapeOverflow(tensor: String, shape: [Int])
    /// A tensor's byte range disagrees with its shape and dtype.
    case sizeMismatch(tensor: String, expectedBytes: Int, actualBytes: Int)
    /// Byte ranges must tile the data section from 0 without gaps or overlaps.
    case invalidOffsets(tensor: String, begin: Int, end: Int, expectedBegin: Int)
    /// The data section's length differs from the end of the last tensor (truncated or padded file).
    case dataLengthMismatch(expected: Int, actual: Int)
    /// A tensor the caller asked for is not in the file.
    case missingTensor(String)
    /// The file holds tensors the model does not have.
    case unexpectedTensors([String])
    /// A tensor's shape differs from what the caller expects.
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    /// The dtype cannot be converted to the requested scalar type.
    case unsupportedConversion(tensor: String, dtype: String, to: String)
    /// Converting would lose precision (F64 → F32) and was not allowed.
    case lossyConversion(tensor: String, dtype: String, to: String)
    /// Two tensors with the same name were given to the writer.
    case duplicateName(String)
    /// A system call failed; `operation` names it and the path.
    case io(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case let .fileTooSmall(bytes): "safetensors: file has \(bytes) bytes, fewer than the 8-byte header length"
        case let .headerLengthOutOfRange(declared, fileBytes):
            "safetensors: header length \(declared) does not fit a file of \(fileBytes) bytes"
        case let .invalidHeader(text): "safetensors: invalid header: \(text)"
        case let .unknownDType(tensor, dtype): "safetensors: tensor \(tensor) has unknown dtype \(dtype)"
        case let .shapeOverflow(tensor, shape):
            "safetensors: tensor \(tensor) has shape \(shape), whose element or byte count overflows"
        case let .sizeMismatch(tensor, expected, actual):
            "safetensors: tensor \(tensor) needs \(expected) bytes but spans \(actual)"
        case let .invalidOffsets(tensor, begin, end, expectedBegin):
            "safetensors: tensor \(tensor) spans [\(begin), \(end)) but should begin at \(expectedBegin)"
        case let .dataLengthMismatch(expected, actual):
            "safetensors: data section is \(actual) bytes, header describes \(expected)"
        case let .missingTensor(name): "safetensors: no tensor named \(name)"
        case let .unexpectedTensors(names): "safetensors: unexpected tensors \(names)"
        case let .shapeMismatch(tensor, expected, found):
            "safetensors: tensor \(tensor) has shape \(found), expected \(expected)"
        case let .unsupportedConversion(tensor, dtype, to):
            "safetensors: tensor \(tensor) of dtype \(dtype) cannot be read as \(to)"
        case let .lossyConversion(tensor, dtype, to):
            "safetensors: reading tensor \(tensor) of dtype \(dtype) as \(to) loses precision (allowLossyConversion is false)"
        case let .duplicateName(name): "safetensors: duplicate tensor name \(name)"
        case let .io(operation, path, errno): "safetensors: \(operation) failed for \(path) (errno \(errno))"
        }
    }
}
