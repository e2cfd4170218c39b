/// The reference-counted buffer behind one or more ``Tensor`` values.
///
/// Memory is 64-byte aligned (one cache line, one AVX-512 register) so that
/// vector kernels and BLAS see aligned rows when the row length allows.
@usableFromInline
final class TensorStorage<Scalar: TensorScalar>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    @usableFromInline let count: Int

    /// Allocates `count` uninitialised scalars (trivial type: no initialisation needed for safety).
    @usableFromInline
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "TensorStorage: negative element count \(count)")
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Scalar>.stride, alignment: 64)
        base = raw.bindMemory(to: Scalar.self, capacity: max(count, 1))
        self.count = count
    }

    @usableFromInline
    convenience init(repeating value: Scalar, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    /// A copy of `count` elements starting at `offset`.
    @usableFromInline
    func copy() -> TensorStorage {
        let other = TensorStorage(uninitializedCount: count)
        other.base.update(from: base, count: count)
        return other
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }
}
