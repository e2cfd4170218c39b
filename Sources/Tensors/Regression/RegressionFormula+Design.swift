import RealModule

/// A formula evaluated on a table: the response, the design (with double-double low parts for
/// powers, products and quotients) and the categorical reference levels.
public struct FormulaDesign: Sendable {
    /// The response's name (statsmodels' `endog_names`).
    public let responseName: String
    /// The response values.
    public let response: [Double]
    /// The design columns, named as statsmodels names them (`Intercept`, `I(x ** 2)`, `C(s)[T.b]`).
    public let design: RegressionDesign
    /// Each categorical factor's reference (omitted) level, e.g. `["C(sector)": "a"]`, for factors
    /// coded with treatment contrasts against it.
    public let referenceLevels: [String: String]
}

/// A factor evaluated on the table.
private enum EvaluatedFactor {
    /// Numeric columns (several for `poly`) and their names.
    case numeric([[DoubleDouble]], names: [String])
    /// Sorted levels, each row's level index, and the reference level's index.
    case categorical(levels: [String], codes: [Int], reference: Int)
}

extension RegressionFormula {
    /// Evaluates the formula on `data` (patsy's term ordering and treatment coding).
    public func design(_ data: RegressionData) throws -> FormulaDesign {
        var evaluator = FormulaEvaluator(data: data, formula: text)
        let yColumns = try evaluator.numeric(response)
        guard yColumns.count == 1 else { throw FormulaError.invalid("the response must be one column, '\(responseName)' has \(yColumns.count)") }
        let y = yColumns[0].map(\.value)
        try data.requireFinite(y, label: responseName)

        // Evaluate every factor once (keyed by its normalised code).
        var factors: [String: EvaluatedFactor] = [:]
        for term in terms { for f in term.factors where factors[f.code] == nil { factors[f.code] = try evaluator.factor(f) } }
        func isNumeric(_ f: FormulaExpression) -> Bool {
            if case .numeric = factors[f.code]! { return true }
            return false
        }

        // patsy: bucket terms by their set of numeric factors (the all-categorical bucket, with the
        // intercept, first; others in order of appearance), order each bucket by degree (stable).
        let allTerms = (intercept ? [FormulaTerm(factors: [])] : []) + terms
        var bucketKeys: [Set<String>] = [], buckets: [[FormulaTerm]] = []
        for term in allTerms {
            let key = Set(term.factors.filter(isNumeric).map(\.code))
            if let b = bucketKeys.firstIndex(of: key) { buckets[b].append(term) }
            else { bucketKeys.append(key); buckets.append([term]) }
        }
        if let empty = bucketKeys.firstIndex(of: []), empty > 0 {
            bucketKeys.insert(bucketKeys.remove(at: empty), at: 0)
            buckets.insert(buckets.remove(at: empty), at: 0)
        }

        let n = data.rows
        var names: [String] = [], hi: [Double] = [], lo: [Double] = []
        var references: [String: String] = [:]
        var anyLow = false
        for bucket in buckets {
            var used = Set<Set<String>>()
            let ordered = bucket.enumerated().sorted { ($0.element.factors.count, $0.offset) < ($1.element.factors.count, $1.offset) }.map(\.element)
            for term in ordered {
                let categorical = term.factors.filter { !isNumeric($0) }.map(\.code)
                for coding in Self.subtermCodings(categorical: categorical, used: &used) {
                    // Columns of this subterm: the term's factors in order, left-most varying fastest.
                    var parts: [(names: [String], values: (Int) -> [DoubleDouble])] = []
                    for f in term.factors {
                        switch factors[f.code]! {
                        case let .numeric(columns, columnNames):
                            parts.append((columnNames, { columns[$0] }))
                        case let .categorical(levels, codes, reference):
                            guard let full = coding[f.code] else { continue }
                            let kept = full ? Array(levels.indices) : levels.indices.filter { $0 != reference }
                            if !full { references[f.code] = levels[reference] }
                            parts.append((kept.map { "\(f.code)[\(full ? "" : "T.")\(levels[$0])]" }, { k in
                                let level = kept[k]
                                return codes.map { DoubleDouble($0 == level ? 1 : 0) }
                            }))
                        }
                    }
                    if parts.isEmpty {
                        names.append("Intercept")
                        hi += [Double](repeating: 1, count: n); lo += [Double](repeating: 0, count: n)
                        continue
                    }
                    let counts = parts.map(\.names.count)
                    let total = counts.reduce(1, *)
                    for combo in 0..<total {
                        var rest = combo, label: [String] = []
                        var column = [DoubleDouble](repeating: DoubleDouble(1), count: n)
                        for (k, part) in parts.enumerated() {
                            let c = rest % counts[k]
                            rest /= counts[k]
                            label.append(part.names[c])
                            let v = part.values(c)
                            for i in 0..<n { column[i] = k == 0 ? v[i] : column[i] * v[i] }
                        }
                        names.append(label.joined(separator: ":"))
                        for d in column { hi.append(d.hi); lo.append(d.lo); if d.lo != 0 { anyLow = true } }
                    }
                }
            }
        }
        let design = try RegressionDesign(rows: n, names: names, columnMajor: hi, lowParts: anyLow ? lo : nil)
        return FormulaDesign(responseName: responseName, response: y, design: design, referenceLevels: references)
    }

    /// patsy's contrast choice for one term: the subsets of its categorical factors not yet
    /// spanned by earlier terms of the bucket, merged where a smaller subterm can be absorbed by
    /// full-rank coding of one factor. Each result maps factor code → full-rank (true) or reduced.
    static func subtermCodings(categorical: [String], used: inout Set<Set<String>>) -> [[String: Bool]] {
        let m = categorical.count
        var subsets: [[Int]] = []
        for mask in 0..<(1 << m) { subsets.append((0..<m).filter { mask & (1 << $0) != 0 }) }
        subsets.sort { a, b in a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b) }
        // A subterm: factor code → includes intercept (full rank).
        var subterms: [[String: Bool]] = []
        for s in subsets {
            let key = Set(s.map { categorical[$0] })
            if !used.contains(key) {
                subterms.append(Dictionary(uniqueKeysWithValues: s.map { (categorical[$0], false) }))
            }
        }
        for s in subterms { used.insert(Set(s.keys)) }
        // Simplify greedily from the left, as patsy does.
        var changed = true
        while changed {
            changed = false
            search: for shortIndex in subterms.indices {
                let short = subterms[shortIndex]
                for longIndex in (shortIndex + 1)..<subterms.count {
                    let long = subterms[longIndex]
                    guard long.count == short.count + 1, short.allSatisfy({ long[$0.key] == $0.value }) else { continue }
                    let extra = long.keys.first { short[$0] == nil }!
                    var merged = short
                    merged[extra] = true
                    subterms[longIndex] = merged
                    subterms.remove(at: shortIndex)
                    changed = true
                    break search
                }
            }
        }
        return subterms
    }
}

/// Evaluates factors and Python-style expressions on a table, in double-double.
private struct FormulaEvaluator {
    let data: RegressionData
    let formula: String

    /// A factor: categorical for `C(…)` and bare text columns, numeric otherwise.
    mutating func factor(_ e: FormulaExpression) throws -> EvaluatedFactor {
        if case let .name(name, position) = e {
            guard data.contains(name) else {
                throw FormulaError.unknownColumn(name: name, formula: formula, position: position, available: data.names)
            }
            if case let .text(values) = try data.column(name), !data.isMixed(name) {
                return categorical(values.map { .text($0) }, reference: nil, label: e.code)
            }
        }
        if case let .call(f, args, keywords, position) = e, f == "C" {
            guard (1...2).contains(args.count), keywords.allSatisfy({ $0 == nil }) else {
                throw FormulaError.syntax(formula: formula, position: position, message: "C(column) or C(column, Treatment('level'))")
            }
            var reference: String? = nil
            if args.count == 2 { reference = try treatmentReference(args[1], position: position) }
            if case let .name(name, p) = args[0] {
                guard data.contains(name) else {
                    throw FormulaError.unknownColumn(name: name, formula: formula, position: p, available: data.names)
                }
                if case let .text(values) = try data.column(name), !data.isMixed(name) {
                    return try checkedReference(categorical(values.map { .text($0) }, reference: reference, label: e.code), reference, e.code)
                }
            }
            let columns = try numeric(args[0])
            guard columns.count == 1 else { throw FormulaError.invalid("C(…) needs one column, got \(columns.count)") }
            let values = columns[0].map(\.value)
            try data.requireFinite(values, label: args[0].code)
            return try checkedReference(categorical(values.map { .number($0) }, reference: reference, label: e.code), reference, e.code)
        }
        let columns = try numeric(e)
        let names = columns.count == 1 ? [e.code] : columns.indices.map { "\(e.code)[\($0)]" }
        for (k, c) in columns.enumerated() { try data.requireFinite(c.map(\.value), label: names[k]) }
        return .numeric(columns, names: names)
    }

    private enum Level: Hashable { case text(String), number(Double) }

    private func categorical(_ values: [Level], reference: String?, label: String) -> EvaluatedFactor {
        let distinct = Array(Set(values))
        let sorted = distinct.sorted { a, b in
            switch (a, b) {
            case let (.number(x), .number(y)): return x < y
            case let (.text(x), .text(y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        let levelNames = sorted.map { level -> String in
            switch level {
            case let .text(s): return s
            case let .number(x): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
            }
        }
        var index: [Level: Int] = [:]
        for (k, l) in sorted.enumerated() { index[l] = k }
        let codes = values.map { index[$0]! }
        let ref = reference.flatMap { r in levelNames.firstIndex(of: r) } ?? 0
        return .categorical(levels: levelNames, codes: codes, reference: ref)
    }

    private func checkedReference(_ f: EvaluatedFactor, _ reference: String?, _ label: String) throws -> EvaluatedFactor {
        if let reference, case let .categorical(levels, _, _) = f, !levels.contains(reference) {
            throw FormulaError.unknownLevel(factor: label, level: reference, levels: levels)
        }
        return f
    }

    /// `Treatment('b')`, `Treatment(reference='b')` or `Treatment(2)`: the reference level's name.
    private func treatmentReference(_ e: FormulaExpression, position: Int) throws -> String {
        guard case let .call(name, args, keywords, p) = e, name == "Treatment" || name == "T", args.count == 1,
              keywords[0] == nil || keywords[0] == "reference" else {
            throw FormulaError.syntax(formula: formula, position: position, message: "the second argument of C must be Treatment('level')")
        }
        switch args[0] {
        case let .string(s, _): return s
        case let .number(x, _): return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        case let .name(s, _): return s
        default: throw FormulaError.syntax(formula: formula, position: p, message: "Treatment needs a level name")
        }
    }

    /// A numeric expression: one column, or `k` for `poly(x, k)`.
    mutating func numeric(_ e: FormulaExpression) throws -> [[DoubleDouble]] {
        if case let .call(f, args, _, position) = e, f == "poly" {
            guard args.count == 2, case let .number(kv, _) = args[1], let k = Int(exactly: kv), k >= 1 else {
                throw FormulaError.syntax(formula: formula, position: position, message: "poly(column, degree) needs an integer degree ≥ 1")
            }
            let x = try values(args[0])
            return (1...k).map { power in x.map { $0.power(power) } }
        }
        return [try values(e)]
    }

    /// One column of values.
    private mutating func values(_ e: FormulaExpression) throws -> [DoubleDouble] {
        let n = data.rows
        switch e {
        case let .name(name, position):
            guard data.contains(name) else {
                throw FormulaError.unknownColumn(name: name, formula: formula, position: position, available: data.names)
            }
            let v = try data.numbers(name)
            try data.requireFinite(v, label: name)
            return v.map { DoubleDouble($0) }
        case let .number(x, _):
            return [DoubleDouble](repeating: DoubleDouble(x), count: n)
        case .string:
            throw FormulaError.invalid("a string is not a numeric value in '\(formula)'")
        case let .unary(op, inner):
            let v = try values(inner)
            return op == "-" ? v.map { -$0 } : v
        case let .parenthesised(inner):
            return try values(inner)
        case let .binary(op, a, b):
            let x = try values(a)
            if op == "**" {
                if let k = Self.integerConstant(b) { return x.map { $0.power(k) } }
                let y = try values(b)
                return zip(x, y).map { DoubleDouble(Double.pow($0.value, $1.value)) }
            }
            let y = try values(b)
            switch op {
            case "+": return zip(x, y).map { $0 + $1 }
            case "-": return zip(x, y).map { $0 - $1 }
            case "*": return zip(x, y).map { $0 * $1 }
            default: return zip(x, y).map { $0 / $1 }
            }
        case let .call(f, args, keywords, position):
            let name = f.hasPrefix("np.") ? String(f.dropFirst(3)) : f.hasPrefix("numpy.") ? String(f.dropFirst(6)) : f
            let known = ["I", "log", "exp", "sqrt", "log10", "log2", "abs"]
            guard known.contains(name), name != "I" || f == "I" else {
                if f == "C" || f == "poly" {
                    throw FormulaError.syntax(formula: formula, position: position, message: "\(f)(…) is a whole factor and cannot be nested in an expression")
                }
                throw FormulaError.unknownFunction(name: f, formula: formula, position: position)
            }
            guard args.count == 1, keywords[0] == nil else {
                throw FormulaError.syntax(formula: formula, position: position, message: "\(f) takes one argument")
            }
            let x = try values(args[0])
            switch name {
            case "I": return x
            case "log": return x.map(\.logarithm)
            case "exp": return x.map(\.exponential)
            case "sqrt": return x.map { v in
                let s = v.hi.squareRoot()
                guard s > 0, s.isFinite else { return DoubleDouble(s) }
                return DoubleDouble(s) + DoubleDouble(((v - DoubleDouble(s) * DoubleDouble(s)).value) / (2 * s))
            }
            case "log10": return x.map { DoubleDouble($0.logarithm.value / Double.log(10)) }
            case "log2": return x.map { DoubleDouble($0.logarithm.value / Double.log(2)) }
            default: return x.map { $0.hi < 0 ? -$0 : $0 }
            }
        }
    }

    /// The integer value of a literal exponent (`2`, `-1`, `(3)`), nil otherwise.
    private static func integerConstant(_ e: FormulaExpression) -> Int? {
        switch e {
        case let .number(x, _): return x == x.rounded() && abs(x) <= 1024 ? Int(x) : nil
        case let .unary(op, inner): return integerConstant(inner).map { op == "-" ? -$0 : $0 }
        case let .parenthesised(inner): return integerConstant(inner)
        default: return nil
        }
    }
}
