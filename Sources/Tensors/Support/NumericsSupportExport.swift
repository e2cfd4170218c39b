/// Tensors' public API uses NumericsSupport types (``SplitMix64`` seeds the generators and
/// initialisers; regression inference uses its distributions), so `import Tensors` brings them
/// along, as it did before they moved below Tensors.
@_exported import NumericsSupport
