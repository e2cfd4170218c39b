#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension SafetensorsFile {
    /// The bytes of a safetensors file holding `tensors` in the given order.
    ///
    /// The header lists `__metadata__` (when not empty) then the tensors in order, with
    /// contiguous data offsets, and is padded with spaces so the data section starts at a
    /// multiple of 8 bytes (as `safetensors.torch.save_file` does). Data is little-endian.
    /// - Throws: ``SafetensorsError/duplicateName(_:)``.
    public static func serialize<Scalar: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<Scalar>)], metadata: [String: String] = [:]
    ) throws -> [UInt8] {
        var seen = Set<String>()
        for (name, _) in tensors where !seen.insert(name).inserted || name == "__metadata__" {
            throw SafetensorsError.duplicateName(name)
        }
        let dtype = SafetensorsDType.of(Scalar.self)
        var header = "{"
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONText.string($0)):\(JSONText.string(metadata[$0]!))" }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for (name, tensor) in tensors {
            let end = offset + tensor.count * dtype.byteSize
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(JSONText.string(name)):{\"dtype\":\"\(dtype.rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        header += fields.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while (8 + headerBytes.count) % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

        var file = [UInt8]()
        file.reserveCapacity(8 + headerBytes.count + offset)
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: headerBytes)
        for (_, tensor) in tensors {
            tensor.withUnsafeBufferPointer { buffer in
                #if _endian(little)
                file.append(contentsOf: UnsafeRawBufferPointer(buffer))
                #else
                for value in buffer {
                    if Scalar.self == Float.self {
                        withUnsafeBytes(of: (value as! Float).bitPattern.littleEndian) { file.append(contentsOf: $0) }
                    } else {
                        withUnsafeBytes(of: (value as! Double).bitPattern.littleEndian) { file.append(contentsOf: $0) }
                    }
                }
                #endif
            }
        }
        return file
    }

    /// Writes `tensors` as a safetensors file at `url`, atomically.
    ///
    /// The bytes go to a temporary file in the same directory, which is flushed (`fsync`)
    /// and renamed over `url`, then the directory is flushed: readers see the old file or
    /// the complete new one, never a torn write.
    public static func write<Scalar: TensorScalar>(
        _ tensors: [(name: String, tensor: Tensor<Scalar>)], metadata: [String: String] = [:], to url: URL
    ) throws {
        try writeAtomically(serialize(tensors, metadata: metadata), to: url.path)
    }

    /// Temp file in the target's directory + write + fsync + rename + directory fsync.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SafetensorsError.io(operation: "create", path: temporary, errno: errno) }
        var failure: SafetensorsError?
        bytes.withUnsafeBytes { raw in
            var written = 0
            while written < raw.count {
                let result = Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = .io(operation: "write", path: temporary, errno: errno)
                    return
                }
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = .io(operation: "fsync", path: temporary, errno: errno) }
        if close(descriptor) != 0 && failure == nil { failure = .io(operation: "close", path: temporary, errno: errno) }
        if failure == nil && rename(temporary, path) != 0 { failure = .io(operation: "rename", path: path, errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // Persist the rename itself; a failure here does not undo an already visible file.
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }

    /// The whole file at `path` (POSIX reads, so failures carry `errno`).
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SafetensorsError.io(operation: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw SafetensorsError.io(operation: "stat", path: path, errno: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        try bytes.withUnsafeMutableBytes { raw in
            while filled < raw.count {
                let result = read(descriptor, raw.baseAddress! + filled, raw.count - filled)
                if result < 0 {
                    if errno == EINTR { continue }
                    throw SafetensorsError.io(operation: "read", path: path, errno: errno)
                }
                if result == 0 { break }  // the file shrank while reading; validation reports it
                filled += result
            }
        }
        return Array(bytes[0..<filled])
    }
}
