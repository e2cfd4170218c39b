/// An n-dimensional array of `Float` or `Double` with value semantics.
///
/// Storage is row-major; a tensor is described by `shape`, `strides` (in
/// elements) and an offset into a shared, reference-counted buffer. Views
/// (``rows(_:)``, ``slice(_:)``, ``transposed()``) share that buffer without
/// copying; the first mutation of a shared buffer copies it (copy-on-write),
/// so a view never changes the tensor it came from.
public struct Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    @usableFromInline var storage: TensorStorage<Scalar>
    @usableFromInline var offset: Int
    /// The extent of each dimension.
    public private(set) var shape: [Int]
    /// The distance, in elements, between consecutive indices of each dimension.
    public private(set) var strides: [Int]

    /// The row-major (C-contiguous) strides of `shape`.
    public static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in shape.indices.reversed() {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    @usableFromInline
    init(storage: TensorStorage<Scalar>, offset: Int, shape: [Int], strides: [Int]) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
        self.strides = strides
    }

    /// A tensor of `shape` with every element equal to `value`.
    public init(shape: [Int], repeating value: Scalar) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        let count = shape.reduce(1, *)
        self.init(storage: TensorStorage(repeating: value, count: count), offset: 0,
                  shape: shape, strides: Self.contiguousStrides(for: shape))
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init<C: Collection>(shape: [Int], scalars: C) where C.Element == Scalar {
        let count = shape.reduce(1, *)
        precondition(scalars.count == count,
                     "Tensor: \(scalars.count) scalars do not fill shape \(shape) (\(count) elements)")
        let storage = TensorStorage<Scalar>(uninitializedCount: count)
        _ = UnsafeMutableBufferPointer(start: storage.base, count: count).initialize(from: scalars)
        self.init(storage: storage, offset: 0, shape: shape, strides: Self.contiguousStrides(for: shape))
    }

    /// A tensor of `shape` whose elements are produced, in row-major order, by `body`.
    public init(shape: [Int], generating body: (Int) throws -> Scalar) rethrows {
        let count = shape.reduce(1, *)
        let storage = TensorStorage<Scalar>(uninitializedCount: count)
        for i in 0..<count { (storage.base + i).initialize(to: try body(i)) }
        self.init(storage: storage, offset: 0, shape: shape, strides: Self.contiguousStrides(for: shape))
    }

    /// A contiguous tensor whose elements the caller must write before reading (trivial scalars).
    @usableFromInline
    init(uninitializedShape shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
        self.init(storage: TensorStorage(uninitializedCount: shape.reduce(1, *)), offset: 0,
                  shape: shape, strides: Self.contiguousStrides(for: shape))
    }

    /// A tensor of `shape` with every element equal to `value`.
    public static func filled(_ shape: [Int], with value: Scalar) -> Tensor {
        Tensor(shape: shape, repeating: value)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }

    /// The number of elements.
    @inlinable public var count: Int { shape.reduce(1, *) }

    /// Whether the elements are laid out densely in row-major order.
    public var isContiguous: Bool { strides == Self.contiguousStrides(for: shape) || count <= 1 }

    /// The storage offset of a multi-index (no bounds message; callers check).
    @usableFromInline
    func linearOffset(_ index: [Int]) -> Int {
        precondition(index.count == shape.count,
                     "Tensor: index \(index) has \(index.count) components for shape \(shape)")
        var position = offset
        for axis in index.indices {
            precondition(index[axis] >= 0 && index[axis] < shape[axis],
                         "Tensor: index \(index) out of bounds for shape \(shape)")
            position += index[axis] * strides[axis]
        }
        return position
    }

    /// The element at a multi-index.
    public subscript(_ index: Int...) -> Scalar {
        get { storage.base[linearOffset(index)] }
        set {
            makeUnique()
            storage.base[linearOffset(index)] = newValue
        }
    }

    /// Copies the buffer if it is shared, so the next write does not alter another tensor.
    @usableFromInline
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The elements in row-major order (a copy).
    public var scalars: [Scalar] {
        if isContiguous {
            return Array(UnsafeBufferPointer(start: storage.base + offset, count: count))
        }
        var result = [Scalar]()
        result.reserveCapacity(count)
        forEachOffset { result.append(storage.base[$0]) }
        return result
    }

    /// Calls `body` with the storage offset of every element, in row-major order.
    @usableFromInline
    func forEachOffset(_ body: (Int) -> Void) {
        guard count > 0 else { return }
        var index = [Int](repeating: 0, count: rank)
        var position = offset
        while true {
            body(position)
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                position += strides[axis]
                if index[axis] < shape[axis] { break }
                position -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// A dense row-major copy, or `self` when it is already contiguous.
    public func contiguous() -> Tensor {
        isContiguous ? self : Tensor(shape: shape, scalars: scalars)
    }

    /// Calls `body` with the elements as a dense row-major buffer (copying a strided view first).
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        let dense = contiguous()
        return try body(UnsafeBufferPointer(start: dense.storage.base + dense.offset, count: dense.count))
    }

    /// Calls `body` with the elements as a mutable dense row-major buffer.
    ///
    /// A strided view is first replaced by a dense copy of itself; a shared buffer is first copied.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        if !isContiguous { self = Tensor(shape: shape, scalars: scalars) }
        makeUnique()
        return try body(UnsafeMutableBufferPointer(start: storage.base + offset, count: count))
    }

    /// The same elements with another shape of equal element count (a view when contiguous).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        precondition(newShape.reduce(1, *) == count,
                     "Tensor.reshaped: shape \(shape) cannot become \(newShape)")
        let dense = contiguous()
        return Tensor(storage: dense.storage, offset: dense.offset, shape: newShape,
                      strides: Self.contiguousStrides(for: newShape))
    }

    /// A view of index `i` along the leading axis (rank decreases by one).
    public func slice(_ i: Int) -> Tensor {
        precondition(rank >= 1 && i >= 0 && i < shape[0], "Tensor.slice: index \(i) out of bounds for shape \(shape)")
        return Tensor(storage: storage, offset: offset + i * strides[0],
                      shape: Array(shape.dropFirst()), strides: Array(strides.dropFirst()))
    }

    /// A view of a range of indices along the leading axis.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "Tensor.rows: range \(range) out of bounds for shape \(shape)")
        var newShape = shape
        newShape[0] = range.count
        return Tensor(storage: storage, offset: offset + range.lowerBound * strides[0],
                      shape: newShape, strides: strides)
    }

    /// A view with the last two axes swapped (a matrix transpose for rank 2).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "Tensor.transposed: needs rank ≥ 2, shape is \(shape)")
        var newShape = shape, newStrides = strides
        newShape.swapAt(rank - 1, rank - 2)
        newStrides.swapAt(rank - 1, rank - 2)
        return Tensor(storage: storage, offset: offset, shape: newShape, strides: newStrides)
    }
}

extension Tensor: Equatable {
    /// Equal shapes and elements (views compare by value).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}
