import CKernels

/// The elementwise-kernel side of ``TensorScalar``: each requirement forwards
/// to the single- or double-precision vectorised kernel in `CKernels`.
public protocol KernelScalar: BinaryFloatingPoint {}

extension Float: KernelScalar {}
extension Double: KernelScalar {}
