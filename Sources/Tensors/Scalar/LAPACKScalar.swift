import CBLAS

/// The LAPACK side of ``TensorScalar``: each requirement forwards to the
/// `s…`/`d…` LAPACKE routine (row-major).
public protocol LAPACKScalar: BinaryFloatingPoint {}

extension Float: LAPACKScalar {}
extension Double: LAPACKScalar {}
