/// The asset-major layout shared by every per-(asset, date) array of a market panel: asset `a`'s
/// series is the contiguous slice `a·T ..< (a+1)·T`, so value (a, t) sits at `a·T + t`.
///
/// Use it instead of writing `a * T + t` by hand: the layout is stated once, here.
public struct PanelLayout: Sendable, Equatable, Hashable {
    /// Number of assets A.
    public let assetCount: Int
    /// Number of dates T.
    public let dateCount: Int

    /// Creates a layout.
    public init(assetCount: Int, dateCount: Int) {
        self.assetCount = assetCount
        self.dateCount = dateCount
    }

    /// A·T: the length of an array in this layout.
    public var count: Int { assetCount * dateCount }

    /// The position of (asset, date).
    @inline(__always) public func index(asset: Int, date: Int) -> Int { asset * dateCount + date }

    /// The asset and date at position `i`.
    @inline(__always) public func position(_ i: Int) -> (asset: Int, date: Int) { (i / dateCount, i % dateCount) }

    /// A new array of `count` copies of `value` (e.g. `NaN` for "unknown").
    public func filled(_ value: Double) -> [Double] { [Double](repeating: value, count: count) }
}
