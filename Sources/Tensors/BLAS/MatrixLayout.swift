/// How a rank-2 tensor can be handed to a row-major BLAS routine without copying.
@usableFromInline
enum MatrixLayout: Equatable {
    /// Rows are unit-stride: pass as stored with leading dimension `ld` (the row stride).
    case rowMajor(ld: Int)
    /// Columns are unit-stride (e.g. a `transposed()` view): pass the stored
    /// transpose (`cols × rows`, leading dimension `ld`) and flip the operation.
    case columnMajor(ld: Int)
    /// Neither: copy to a dense buffer first.
    case strided

    /// The layout of `shape`/`strides` (rank 2).
    @usableFromInline
    init(shape: [Int], strides: [Int]) {
        let rows = shape[0], cols = shape[1]
        // A unit dimension's stride is irrelevant; the leading dimension must only satisfy
        // BLAS's `ld ≥ max(1, row length)`.
        if cols <= 1 || strides[1] == 1, rows <= 1 || strides[0] >= max(1, cols) {
            self = .rowMajor(ld: rows <= 1 ? max(1, cols) : strides[0])
        } else if rows <= 1 || strides[0] == 1, cols <= 1 || strides[1] >= max(1, rows) {
            self = .columnMajor(ld: cols <= 1 ? max(1, rows) : strides[1])
        } else {
            self = .strided
        }
    }
}

/// A matrix operand ready for BLAS: base pointer, leading dimension and the
/// transpose flag that makes `op(stored)` equal to the requested `op(tensor)`.
@usableFromInline
struct BLASOperand<Scalar: TensorScalar> {
    /// Keeps the buffer alive (and holds the dense copy when one was needed).
    @usableFromInline let tensor: Tensor<Scalar>
    @usableFromInline let pointer: UnsafePointer<Scalar>
    @usableFromInline let ld: Int
    @usableFromInline let trans: Transpose

    /// `op(matrix)` as a BLAS operand, copying only when the layout needs it.
    @usableFromInline
    init(_ matrix: Tensor<Scalar>, _ op: Transpose) {
        switch MatrixLayout(shape: matrix.shape, strides: matrix.strides) {
        case .rowMajor(let ld):
            tensor = matrix; self.ld = ld; trans = op
        case .columnMajor(let ld):
            tensor = matrix; self.ld = ld; trans = op == .none ? .transpose : .none
        case .strided:
            tensor = matrix.contiguous(); ld = max(1, matrix.shape[1]); trans = op
        }
        pointer = UnsafePointer(tensor.storage.base + tensor.offset)
    }
}
