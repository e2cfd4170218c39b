import Foundation
import Quant
/// One cross-validation split: decision dates to train on and to score on.
public struct CVSplit: Sendable, Equatable, Codable {
    /// Training decision dates.
    public var train: Range<Int>
    /// Validation decision dates.
    public var validation: Range<Int>

    /// Creates a split.
    public init(train: Range<Int>, validation: Range<Int>) {
        self.train = train
        self.validation = validation
    }
}

/// Purged, blocked time-series cross-validation inside one walk-forward fold.
///
/// With V = the fold's validation length, g = the gap (the horizon h) and the training period
/// `[s, e)`, inner split j = 1…k validates on `[e − j·V, e − (j−1)·V)` and trains on
/// `[s, e − j·V − g)`; an inner split whose training part would be shorter than V dates is dropped
/// (and so are all later ones). The fold's own split (train → validation) comes last. Splits are
/// listed oldest first. Every training target ends before its validation block starts
/// (`train.upperBound − 1 + h < validation.lowerBound` when g = h), nothing after a validation
/// block is trained on (expanding windows), and no split touches the fold's test dates.
public enum TimeSeriesCV {
    /// The splits for `fold` with `innerSplits` inner blocks and `gap` dates between train and validation.
    public static func splits(fold: WalkForwardFold, gap: Int, innerSplits: Int) -> [CVSplit] {
        precondition(gap >= 0 && innerSplits >= 0, "TimeSeriesCV: gap \(gap) and innerSplits \(innerSplits) must be ≥ 0")
        let s = fold.train.lowerBound, e = fold.train.upperBound, V = fold.validation.count
        var inner: [CVSplit] = []
        if V > 0 {
            for j in stride(from: 1, through: innerSplits, by: 1) {
                let valEnd = e - (j - 1) * V, valStart = valEnd - V, trainEnd = valStart - gap
                guard trainEnd - s >= V else { break }
                inner.append(CVSplit(train: s..<trainEnd, validation: valStart..<valEnd))
            }
        }
        return inner.reversed() + [CVSplit(train: fold.train, validation: fold.validation)]
    }
}
