import Foundation
import Quant
/// Which share of the walk-forward folds (or sweep points) a process runs: `index` of `count`, from 1.
public struct FoldShare: Sendable, Equatable, Codable, CustomStringConvertible {
    /// This share, 1…count.
    public var index: Int
    /// Number of shares.
    public var count: Int

    /// Creates a share; `1 ≤ index ≤ count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (1...count).contains(index), "fold share \(index)/\(count) is out of range")
        self.index = index
        self.count = count
    }

    /// Parses `"i/N"`; `nil` if malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    /// Whether item `k` (0-based) belongs to this share (round-robin, so shares are balanced).
    public func contains(_ k: Int) -> Bool { k % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}
