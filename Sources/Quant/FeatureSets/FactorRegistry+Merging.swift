import Foundation

extension FactorRegistry {
    /// This registry followed by `other`'s definitions, for offering several feature sets at once
    /// (e.g. ``standard``, ``alpha158`` and ``alpha360``). A name defined in both with the same
    /// formula and fields is kept once, from `self` — Alpha158's `OPEN0`, `HIGH0`, `LOW0` and `VWAP0`
    /// are Alpha360's too; the same name with a different definition throws
    /// ``FactorError/duplicateFactor(_:)``.
    public func merging(_ other: FactorRegistry) throws -> FactorRegistry {
        var byName: [String: FactorDefinition] = [:]
        for d in definitions { byName[d.name] = d }
        var more: [FactorDefinition] = []
        for d in other.definitions {
            if let mine = byName[d.name] {
                guard mine.formula == d.formula && mine.fields == d.fields else { throw FactorError.duplicateFactor(d.name) }
                continue
            }
            more.append(d)
        }
        return try FactorRegistry(definitions: definitions + more)
    }
}
