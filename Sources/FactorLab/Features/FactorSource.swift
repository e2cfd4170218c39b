/// Computes candidate factors from a market panel.
///
/// Every factor must be causal: its value at date t uses data of dates ≤ t only (rolling
/// windows looking back), which is what makes the pipeline's no-look-ahead guarantee hold.
public struct FactorSet: Sendable {
    /// The factor values (raw, before preprocessing).
    public var panel: FeaturePanel
    /// Factors skipped because the data lack fields they need: factor → missing fields.
    public var skipped: [String: [String]]
    /// Where the factors came from (for the report).
    public var origin: String
}

/// Produces the factor library's values for a panel.
public enum FactorSource {
    /// Computes every factor of the library that the panel's fields allow.
    public static func compute(_ panel: MarketPanel) -> FactorSet {
        BuiltinFactors.compute(panel)
    }
}
