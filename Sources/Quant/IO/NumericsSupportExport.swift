/// Quant's public API returns NumericsSupport types (``JSONValue`` documents, ``SplitMix64``
/// random baselines), so `import Quant` brings them along, as it did before they moved below Quant.
@_exported import NumericsSupport
