import Foundation
import Quant

/// `sweep.json` (and the `sweep` block of `summary.json`): the sweep outcomes with the point chosen
/// by validation Sharpe. Written as a ``JSONValue`` (FactorLab's number formatting, key order as
/// listed) and read back through ``OutputJSON``'s Codable route.
public struct SweepDocument: Sendable, Equatable {
    /// The outcomes, in point order.
    public var outcomes: [SweepOutcome]

    /// Creates a document.
    public init(_ outcomes: [SweepOutcome]) { self.outcomes = outcomes }

    /// The JSON value.
    public var json: JSONValue {
        let s = outcomes
        let best = OverfitSweep.bestByValidation(s)
        return .object([
            ("best_by_validation", best.map { .string(s[$0].point.label) } ?? .null),
            ("points", .array(s.map { o in
                .object([("hidden", .integer(o.point.hidden)), ("epochs", .integer(o.point.epochs)), ("available", .bool(o.available)),
                         ("reason", o.reason.map { .string($0) } ?? .null),
                         ("train_loss", .number(o.trainLoss)), ("validation_loss", .number(o.validationLoss)),
                         ("validation_annual_return", .number(o.validationAnnualReturn)), ("validation_sharpe", .number(o.validationSharpe)),
                         ("validation_ic", .number(o.validationIC)), ("test_annual_return", .number(o.testAnnualReturn)),
                         ("test_sharpe", .number(o.testSharpe)), ("test_ic", .number(o.testIC))])
            })),
        ])
    }

    /// Reads the bytes of a `sweep.json` (`path` labels errors; wall times are not stored and read
    /// back as 0). ``RunDirectory/sweep()`` reads them verified against the manifest.
    public static func read(data: Data, path: String) throws -> SweepDocument {
        let file = try OutputJSON.decode(File.self, data: data, path: path, what: "sweep.json")
        return SweepDocument(file.points.map {
            SweepOutcome(point: SweepPoint(hidden: $0.hidden, epochs: $0.epochs), available: $0.available, reason: $0.reason,
                         trainLoss: $0.train_loss, validationLoss: $0.validation_loss,
                         validationAnnualReturn: $0.validation_annual_return, validationSharpe: $0.validation_sharpe,
                         validationIC: $0.validation_ic, testAnnualReturn: $0.test_annual_return,
                         testSharpe: $0.test_sharpe, testIC: $0.test_ic, seconds: 0)
        })
    }

    /// The file's shape, for decoding.
    private struct File: Decodable {
        struct Point: Decodable {
            var hidden: Int, epochs: Int, available: Bool, reason: String?
            var train_loss: Double, validation_loss: Double, validation_annual_return: Double, validation_sharpe: Double
            var validation_ic: Double, test_annual_return: Double, test_sharpe: Double, test_ic: Double
        }
        var points: [Point]
    }
}
