import Foundation

/// `sweep-run.json`: what a sweep (or one `--point i/N` share of it) was run on — the inputs by
/// path and SHA-256, the configuration with its share, the walk-forward fold and the whole list of
/// points — so that `factorlab merge` can check that sweep shards belong to one sweep and name a
/// missing point with the share that re-creates it.
public struct SweepRecord: Sendable, Codable, Equatable {
    /// Format version.
    public var version: Int = 1
    /// The market-data file, as given.
    public var dataPath: String
    /// The index file, as given.
    public var indexPath: String?
    /// SHA-256 of the market-data file's bytes.
    public var dataSHA256: String
    /// SHA-256 of the index file's bytes.
    public var indexSHA256: String?
    /// The configuration (its `foldShare` is this shard's share of the points).
    public var config: PipelineConfig
    /// Every point of the sweep, in order (not only this shard's).
    public var points: [SweepPoint]
    /// The walk-forward fold the sweep used (from 0).
    public var foldIndex: Int

    /// Creates a record.
    public init(dataPath: String, indexPath: String?, dataSHA256: String, indexSHA256: String?, config: PipelineConfig,
                points: [SweepPoint], foldIndex: Int) {
        self.dataPath = dataPath
        self.indexPath = indexPath
        self.dataSHA256 = dataSHA256
        self.indexSHA256 = indexSHA256
        self.config = config
        self.points = points
        self.foldIndex = foldIndex
    }

    /// The indices (into ``points``) this shard ran.
    public var pointIndices: [Int] { points.indices.filter { config.foldShare?.contains($0) ?? true } }

    /// Whether `other` is a shard of the same sweep: same inputs by content, configuration apart
    /// from the share, points and fold.
    public func isSameSweep(as other: SweepRecord) -> Bool {
        var a = config, b = other.config
        a.foldShare = nil
        b.foldShare = nil
        return a == b && dataSHA256 == other.dataSHA256 && indexSHA256 == other.indexSHA256 && points == other.points
            && foldIndex == other.foldIndex
    }
}
