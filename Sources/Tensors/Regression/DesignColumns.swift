/// The full design seen by the solver: column-major storage (leading dimension `rows`) and,
/// optionally, an implicit all-ones first column. Keeping the intercept implicit lets an
/// unweighted fit share the caller's storage instead of copying n·p values into a new
/// buffer (for a tall design the copy and its page faults cost as much as a tenth of the QR).
struct DesignColumns {
    /// Rows (also the leading dimension of `storage`).
    let rows: Int
    /// Columns, including the implicit ones column.
    let count: Int
    /// Explicit columns, column-major.
    let storage: [Double]
    /// The all-ones column 0, when implicit.
    let ones: [Double]?

    /// Index of the first explicit column.
    var firstStored: Int { ones == nil ? 0 : 1 }

    /// Calls `body` with a pointer to column `j`.
    @inline(__always)
    func withColumn<R>(_ j: Int, _ body: (UnsafePointer<Double>) throws -> R) rethrows -> R {
        if let ones, j == 0 { return try ones.withUnsafeBufferPointer { try body($0.baseAddress!) } }
        return try storage.withUnsafeBufferPointer { try body($0.baseAddress! + (j - firstStored) * rows) }
    }

    /// Element (i, j).
    @inline(__always)
    subscript(i: Int, j: Int) -> Double {
        if ones != nil { return j == 0 ? 1 : storage[(j - 1) * rows + i] }
        return storage[j * rows + i]
    }
}
