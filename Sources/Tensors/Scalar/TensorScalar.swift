/// The floating-point scalars FactorLab computes with: `Float` and `Double`.
///
/// One protocol, assembled from the routine families it dispatches to, so
/// numeric code is written once, generically, and each call resolves at
/// compile time to the `s…` or `d…` routine (BLAS, LAPACK) or to the
/// single/double vector kernel.
public protocol TensorScalar: BLASScalar, LAPACKScalar, KernelScalar {}

extension Float: TensorScalar {}
extension Double: TensorScalar {}
