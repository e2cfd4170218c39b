import Foundation
import Quant

/// The models and factors a run can use. ``standard`` is FactorLab's; extend a copy from your
/// own package and pass it to the run (Docs/Extending.md):
///
/// ```swift
/// var catalog = ResearchCatalog.standard
/// try catalog.models.register(MyModelDescriptor())
/// catalog.factors = try catalog.factors.adding(myFactor)
/// try ResearchRun.execute(inputs: inputs, config: config, outDir: "out", catalog: catalog)
/// ```
public struct ResearchCatalog: Sendable {
    /// The models, in display order.
    public var models: ModelRegistry
    /// The candidate factors (price-level factors are skipped in favour of their `_rel` variants).
    public var factors: FactorRegistry

    /// Creates a catalog.
    public init(models: ModelRegistry = .standard, factors: FactorRegistry = .standard) {
        self.models = models
        self.factors = factors
    }

    /// FactorLab's models and Quant's standard factor library.
    public static let standard = ResearchCatalog()
}
