/// The regressor matrix of a linear regression: `n` observations of `p` named columns.
///
/// Stored column-major (what LAPACK wants), in `Double`. A column may carry a
/// *low-order part* so that entries which are not representable in one `Double`
/// (e.g. `x¹⁰` of a double `x`) are held as an unevaluated sum `high + low`
/// (~106 bits). The QR factorisation uses the high parts; iterative refinement
/// forms residuals with both, so the fit converges to the least-squares
/// solution of the *exact* design rather than of its rounding. Polynomial
/// designs built with ``polynomial(_:degree:name:)`` use this.
public struct RegressionDesign: Sendable {
    /// Number of observations (rows).
    public let rows: Int
    /// Column names, in order.
    public let names: [String]
    /// Column-major values: column `j` is `values[j*rows ..< (j+1)*rows]`.
    public let values: [Double]
    /// Optional low-order parts, same layout as `values` (nil when every entry is exact).
    public let lowParts: [Double]?

    /// Number of columns.
    public var columns: Int { names.count }

    /// A design from columns (each of the same length) and their names.
    public init(columns: [[Double]], names: [String]? = nil) throws {
        let names = names ?? columns.indices.map { "x\($0 + 1)" }
        guard names.count == columns.count else {
            throw RegressionError.mismatchedLengths(what: "names", expected: columns.count, found: names.count)
        }
        let n = columns.first?.count ?? 0
        for (j, c) in columns.enumerated() where c.count != n {
            throw RegressionError.mismatchedLengths(what: "column '\(names[j])'", expected: n, found: c.count)
        }
        try self.init(rows: n, names: names, columnMajor: columns.flatMap { $0 }, lowParts: nil)
    }

    /// A design from a row-major `n × p` tensor (Float is promoted to Double exactly).
    public init<S: TensorScalar>(_ x: Tensor<S>, names: [String]? = nil) throws {
        precondition(x.rank == 2, "RegressionDesign: expected a 2-D tensor, got shape \(x.shape)")
        let n = x.shape[0], p = x.shape[1]
        let names = names ?? (0..<p).map { "x\($0 + 1)" }
        guard names.count == p else {
            throw RegressionError.mismatchedLengths(what: "names", expected: p, found: names.count)
        }
        var values = [Double](repeating: 0, count: n * p)
        x.withUnsafeBufferPointer { src in
            values.withUnsafeMutableBufferPointer { dst in
                for i in 0..<n { for j in 0..<p { dst[j * n + i] = Double(src[i * p + j]) } }
            }
        }
        try self.init(rows: n, names: names, columnMajor: values, lowParts: nil)
    }

    /// A design from column-major values (and optional low-order parts).
    public init(rows: Int, names: [String], columnMajor values: [Double], lowParts: [Double]? = nil) throws {
        precondition(rows >= 0)
        guard values.count == rows * names.count else {
            throw RegressionError.mismatchedLengths(what: "design values", expected: rows * names.count,
                                                    found: values.count)
        }
        if let lowParts, lowParts.count != values.count {
            throw RegressionError.mismatchedLengths(what: "design low parts", expected: values.count,
                                                    found: lowParts.count)
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw RegressionError.duplicateName(name) }
        self.rows = rows
        self.names = names
        self.values = values
        self.lowParts = lowParts
    }

    /// The polynomial design `x¹ … x^degree` (no constant column; the intercept is added by the fit).
    ///
    /// Powers are formed in double-double arithmetic so each entry is `x^k` of the
    /// given double `x` to ~106 bits: rounding `x^k` to one double perturbs an
    /// ill-conditioned polynomial fit far more than the data's own precision
    /// (NIST Filip: 7.9 correct digits with rounded powers, 14 with exact ones).
    public static func polynomial(_ x: [Double], degree: Int, name: String = "x") throws -> RegressionDesign {
        guard degree >= 1 else { throw RegressionError.invalidOption("polynomial degree must be ≥ 1, got \(degree)") }
        let n = x.count
        var hi = [Double](repeating: 0, count: n * degree)
        var lo = [Double](repeating: 0, count: n * degree)
        for i in 0..<n {
            var power = DoubleDouble(x[i])
            for k in 1...degree {
                if k > 1 {
                    // (hi + lo)·x with an exact product of the high part.
                    let (p, e) = DoubleDouble.twoProduct(power.hi, x[i])
                    let t = e + power.lo * x[i]
                    let h = p + t
                    power = DoubleDouble(h, t - (h - p))
                }
                hi[(k - 1) * n + i] = power.hi
                lo[(k - 1) * n + i] = power.lo
            }
        }
        let names = (1...degree).map { $0 == 1 ? name : "\(name)^\($0)" }
        return try RegressionDesign(rows: n, names: names, columnMajor: hi, lowParts: lo)
    }

    /// Column `j` (high parts).
    public func column(_ j: Int) -> ArraySlice<Double> { values[j * rows ..< (j + 1) * rows] }

    /// The rows listed in `indices`, in that order (used to drop rows with missing values).
    public func selectingRows(_ indices: [Int]) -> RegressionDesign {
        let m = indices.count
        var v = [Double](repeating: 0, count: m * columns)
        var l: [Double]? = lowParts.map { _ in [Double](repeating: 0, count: m * columns) }
        for j in 0..<columns {
            for (r, i) in indices.enumerated() {
                v[j * m + r] = values[j * rows + i]
                if let lowParts { l![j * m + r] = lowParts[j * rows + i] }
            }
        }
        // Names were validated already; the initialiser cannot fail here.
        return try! RegressionDesign(rows: m, names: names, columnMajor: v, lowParts: l)
    }
}
