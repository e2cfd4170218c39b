import Foundation
import Quant
/// How the training window moves from fold to fold.
public enum WalkForwardMode: String, Sendable, Codable, CaseIterable {
    /// Training always starts at the first usable date and grows by `testDays` per fold.
    case expanding
    /// Training keeps `trainDays` dates and slides by `testDays` per fold.
    case rolling
}

/// One walk-forward fold: ranges of decision-date indices.
public struct WalkForwardFold: Sendable, Equatable, Codable {
    /// Fold number, from 0.
    public var index: Int
    /// Training decision dates.
    public var train: Range<Int>
    /// Validation decision dates (early stopping, model choice).
    public var validation: Range<Int>
    /// Test decision dates (out-of-sample predictions).
    public var test: Range<Int>
}

/// Walk-forward splits by date, defined in absolute day counts from the first usable date so that
/// appending data never moves an earlier fold (the basis of the no-look-ahead guarantee).
///
/// Between train and validation and between validation and test there is a gap of `gap` dates
/// (default: the target horizon h): the last training target ends at `train.upperBound - 1 + h`,
/// strictly before the first validation target starts, so no target overlaps the next split.
public struct WalkForwardSplitter: Sendable, Equatable, Codable {
    /// Initial training length in dates (default 504 ≈ 2 years).
    public var trainDays: Int
    /// Validation length (default 126 ≈ 6 months).
    public var validationDays: Int
    /// Test length per fold, also the step between folds (default 126).
    public var testDays: Int
    /// Dates skipped between splits (set it to the horizon h).
    public var gap: Int
    /// Expanding or rolling training window.
    public var mode: WalkForwardMode

    /// Creates a splitter.
    public init(trainDays: Int = 504, validationDays: Int = 126, testDays: Int = 126, gap: Int = 10,
                mode: WalkForwardMode = .expanding) {
        precondition(trainDays > 0 && validationDays > 0 && testDays > 0 && gap >= 0, "walk-forward lengths must be positive")
        self.trainDays = trainDays
        self.validationDays = validationDays
        self.testDays = testDays
        self.gap = gap
        self.mode = mode
    }

    /// The folds over decision dates `first..<dateCount` (`first` = first date with a full feature window).
    /// The last fold's test range is cut at `dateCount`; folds with an empty test range are dropped.
    public func folds(firstDate first: Int, dateCount: Int) -> [WalkForwardFold] {
        var out: [WalkForwardFold] = []
        var k = 0
        while true {
            let trainEnd = first + trainDays + k * testDays
            let trainStart = mode == .expanding ? first : first + k * testDays
            let valStart = trainEnd + gap, valEnd = valStart + validationDays
            let testStart = valEnd + gap, testEnd = min(testStart + testDays, dateCount)
            guard testStart < dateCount else { break }
            out.append(WalkForwardFold(index: k, train: trainStart..<trainEnd, validation: valStart..<valEnd,
                                       test: testStart..<testEnd))
            k += 1
        }
        return out
    }
}
