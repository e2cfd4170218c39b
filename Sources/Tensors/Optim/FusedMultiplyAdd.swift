/// `a·b + c` rounded once, as PyTorch's CPU kernels compute it — the optimisers use it so
/// their updates round exactly like `torch.optim`.
///
/// `Float`: evaluated in `Double` (the product of two floats is exact there) and rounded to
/// `Float`. Unlike `addingProduct` on the baseline x86-64 target — a libm call per element,
/// ≈ 3 ns — this vectorises. It differs from a true fma only when the `Double` sum falls
/// exactly halfway between two floats (double rounding; about 2⁻²⁹ of random operands).
/// `Double`: `addingProduct` (correctly rounded; a libm call without `-mfma`).
@inline(__always)
func fusedMultiplyAdd<Scalar: TensorScalar>(_ a: Scalar, _ b: Scalar, _ c: Scalar) -> Scalar {
    if Scalar.self == Float.self {
        // Folded away in each specialisation.
        return Scalar(Double(a) * Double(b) + Double(c))
    }
    return c.addingProduct(a, b)
}
