import Foundation

/// Locates the shared reference data (`../shared/refdata` beside the repository checkout: NIST
/// StRD files, market CSVs, PyTorch and statsmodels outputs) for tests that read it directly
/// rather than through a filtered copy in their Resources.
public enum ReferenceData {
    /// A missing reference file, named with the places searched.
    public struct MissingFile: Error, CustomStringConvertible {
        /// The path asked for, relative to `shared/refdata`.
        public let relativePath: String
        /// The `refdata` folders searched.
        public let searched: [String]
        /// Human-readable description.
        public var description: String {
            "reference file \(relativePath) not found under \(searched.joined(separator: ", "))"
        }
    }

    /// The `shared/refdata` folders that may hold the data: `$FACTORLAB_REFDATA` when set, then
    /// `shared/refdata` inside and beside every folder above `filePath` (the calling test's
    /// source file, so it works from any worktree and any build directory).
    public static func candidateFolders(filePath: String = #filePath) -> [URL] {
        var out: [URL] = []
        if let env = ProcessInfo.processInfo.environment["FACTORLAB_REFDATA"], !env.isEmpty {
            out.append(URL(fileURLWithPath: env, isDirectory: true))
        }
        var dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            out.append(dir.appendingPathComponent("shared/refdata", isDirectory: true))
            out.append(dir.appendingPathComponent("../shared/refdata", isDirectory: true).standardizedFileURL)
            dir.deleteLastPathComponent()
        }
        return out
    }

    /// The first existing `shared/refdata` folder of ``candidateFolders(filePath:)``, or nil.
    public static func folder(filePath: String = #filePath) -> URL? {
        candidateFolders(filePath: filePath).first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// The URL of `relativePath` (e.g. `"nist-strd/Longley.dat"`) under the shared reference data.
    ///
    /// - Throws: ``MissingFile`` when no candidate folder holds it (a test must fail, not skip).
    public static func url(_ relativePath: String, filePath: String = #filePath) throws -> URL {
        let folders = candidateFolders(filePath: filePath)
        for folder in folders {
            let url = folder.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw MissingFile(relativePath: relativePath, searched: folders.map(\.path))
    }

    /// The contents of `relativePath` under the shared reference data.
    public static func data(_ relativePath: String, filePath: String = #filePath) throws -> Data {
        try Data(contentsOf: url(relativePath, filePath: filePath))
    }

    /// A JSON object file under the shared reference data, parsed with `JSONSerialization`.
    public static func jsonObject(_ relativePath: String, filePath: String = #filePath) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: data(relativePath, filePath: filePath))
        guard let object = value as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt, userInfo: [NSDebugDescriptionErrorKey: "\(relativePath) is not a JSON object"])
        }
        return object
    }
}
