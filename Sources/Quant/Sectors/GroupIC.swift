/// The information coefficient of a factor within one group (sector or industry).
public struct GroupIC: Sendable, Equatable {
    /// The group's code in its ``GroupCodes``.
    public let code: Int
    /// The group's name.
    public let name: String
    /// The cross-sectional IC within the group on each date (`NaN` when fewer than the minimum
    /// number of complete pairs, or a constant side).
    public let ics: [Double]
    /// Complete (factor, forward return) pairs of group members on each date.
    public let pairCounts: [Int]
    /// Mean, std, ICIR, t statistic and the rest of ``ics`` (``ICSummary``).
    public let summary: ICSummary

    /// Creates a result.
    public init(code: Int, name: String, ics: [Double], pairCounts: [Int], summary: ICSummary) {
        self.code = code; self.name = name; self.ics = ics; self.pairCounts = pairCounts; self.summary = summary
    }
}
