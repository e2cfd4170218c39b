/// Filling missing values (NaN) in a time series.
///
/// Look-ahead: `.linear` uses the next valid value to fill an interior gap, and
/// `edges: .nearest` back-fills leading NaN from the first valid value — both use data from
/// the future and must not be used on a backtest's features unless that is intended.
/// `.forwardFill` and `edges: .forwardFill` on the trailing edge use only the past.
public enum Interpolation: Sendable, Equatable {
    /// What to do with NaN before the first and after the last valid value.
    public enum Edges: String, Sendable {
        /// Keep them NaN (default; pandas `limit_area="inside"`).
        case keep
        /// Leading ← first valid, trailing ← last valid (numpy `interp`, pandas `limit_direction="both"`). Looks ahead.
        case nearest
        /// Trailing ← last valid, leading kept (pandas `interpolate()` default). Causal at the edge.
        case forwardFill
    }
    /// Linear interpolation by position between the surrounding valid values. Looks ahead.
    case linear(edges: Edges)
    /// Last valid value carried forward, at most `limit` steps (nil = unlimited). Causal.
    case forwardFill(limit: Int?)

    /// The default of Yang (2024): linear interpolation of interior gaps, edges kept.
    public static let standard = Interpolation.linear(edges: .keep)

    /// Whether the method uses values later than the one being filled.
    public var looksAhead: Bool {
        if case .linear = self { return true }
        return false
    }

    /// Fills `x`. Throws ``PreprocessingError/nonFiniteInput(_:)`` if `x` holds ±inf (an
    /// interpolation through infinity has no meaning).
    public func fill<C: Collection>(_ x: C) throws -> [Double] where C.Element == Double {
        var v = Array(x)
        if v.contains(where: { $0.isInfinite }) { throw PreprocessingError.nonFiniteInput("+-inf in series") }
        guard let first = v.firstIndex(where: { !$0.isNaN }) else { return v }
        let last = v.lastIndex(where: { !$0.isNaN })!
        switch self {
        case let .forwardFill(limit):
            var lastValid = Double.nan, run = 0
            for i in v.indices {
                if !v[i].isNaN { lastValid = v[i]; run = 0; continue }
                run += 1
                if !lastValid.isNaN && (limit.map { run <= $0 } ?? true) { v[i] = lastValid }
            }
        case let .linear(edges):
            var prev = first
            var i = first + 1
            while i <= last {
                if !v[i].isNaN {
                    if i - prev > 1 {
                        let a = v[prev], b = v[i], span = Double(i - prev)
                        for j in (prev + 1)..<i { v[j] = a + (b - a) * Double(j - prev) / span }
                    }
                    prev = i
                }
                i += 1
            }
            switch edges {
            case .keep: break
            case .nearest:
                for j in 0..<first { v[j] = v[first] }
                for j in (last + 1)..<v.count { v[j] = v[last] }
            case .forwardFill:
                for j in (last + 1)..<v.count { v[j] = v[last] }
            }
        }
        return v
    }
}
