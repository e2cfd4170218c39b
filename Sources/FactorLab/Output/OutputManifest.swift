import Crypto
import Foundation

/// `manifest.json`: the list of a run directory's files with their sizes and SHA-256 digests and
/// the id of the write that produced each, written last when a set of files is published.
///
/// Readers (``RunDirectory/record()``, ``RunDirectory/predictions(panel:)``, `merge`) trust a file
/// only when the manifest lists it with the same digest, and the files of one set share one write
/// id — so a directory left behind by a killed run, a full disk or two writers at once is refused
/// instead of being read as a mixture.
public struct OutputManifest: Sendable, Codable, Equatable {
    /// One file.
    public struct Entry: Sendable, Codable, Equatable {
        /// The file name inside the directory.
        public var name: String
        /// Size in bytes.
        public var bytes: Int
        /// Lower-case hex SHA-256 of the content.
        public var sha256: String
        /// The id of the write that published it.
        public var writeID: String
    }

    /// Always `factorlab-output`.
    public var format = "factorlab-output"
    /// Format version.
    public var version = 1
    /// The files, sorted by name.
    public var files: [Entry]

    /// The hex SHA-256 of `data`.
    public static func digest(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The entry for `name`, if listed.
    public func entry(_ name: String) -> Entry? { files.first { $0.name == name } }
}
