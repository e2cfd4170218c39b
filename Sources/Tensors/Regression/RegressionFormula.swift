/// A model formula in the patsy/statsmodels subset: `y ~ x + I(x**2) + log(z) + C(sector)`.
///
/// Formula operators: `+` (add terms), `-` (remove terms), `:` (interaction), `*` (`a*b = a + b + a:b`),
/// `/` (`a/b = a + a:b`), `**n` (interactions up to order n), parentheses, `0`/`- 1` (no intercept),
/// `1` (intercept). Factors: column names; `I(expr)` with `+ - * /`, `**` integer (or real) powers
/// and numbers; `log`, `exp`, `sqrt`, `log10`, `log2`, `abs` (also as `np.`/`numpy.` names);
/// `C(col)` or `C(col, Treatment('level'))` treatment coding; `poly(x, k)` (raw powers x¹…xᵏ).
/// A text column used bare is categorical, as in patsy. Terms are ordered and coded as patsy does.
/// See Docs/Regression.md.
public struct RegressionFormula: Sendable, Equatable {
    /// The formula text as given.
    public let text: String
    /// The response factor (left of `~`).
    let response: FormulaExpression
    /// The right-hand-side terms (excluding the intercept), in the order written, deduplicated.
    let terms: [FormulaTerm]
    /// Whether the model has an intercept (named `Intercept`, statsmodels' name).
    public let intercept: Bool

    /// The response's name as statsmodels prints it (`y`, `np.log(y)`).
    public var responseName: String { response.code }

    /// Parses `text`; throws ``FormulaError/syntax(formula:position:message:)`` with the position of the problem.
    public init(_ text: String) throws {
        var parser = try FormulaParser(text)
        let (response, rhs) = try parser.parseFormula()
        self.text = text
        self.response = response
        self.terms = rhs.terms.filter { !$0.factors.isEmpty }
        self.intercept = rhs.intercept ?? true
    }
}

/// A term: an interaction of factors (order of first appearance kept; identity is the set).
struct FormulaTerm: Sendable, Equatable {
    var factors: [FormulaExpression]
    static func == (a: FormulaTerm, b: FormulaTerm) -> Bool { Set(a.factors.map(\.code)) == Set(b.factors.map(\.code)) }
    /// The union of two terms (self's factors first).
    func interacted(with other: FormulaTerm) -> FormulaTerm {
        var f = factors
        for x in other.factors where !f.contains(where: { $0.code == x.code }) { f.append(x) }
        return FormulaTerm(factors: f)
    }
}

/// A Python-style expression inside a factor (or a bare column name).
indirect enum FormulaExpression: Sendable, Equatable {
    case name(String, position: Int)
    case number(Double, text: String)
    case string(String, text: String)
    case unary(String, FormulaExpression)
    case binary(String, FormulaExpression, FormulaExpression)
    case call(String, [FormulaExpression], keywords: [String?], position: Int)
    case parenthesised(FormulaExpression)

    /// The expression as patsy normalises it: spaces around binary operators, `, ` between arguments.
    var code: String {
        switch self {
        case let .name(n, _): return n
        case let .number(_, text): return text
        case let .string(_, text): return text
        case let .unary(op, e): return op + e.code
        case let .binary(op, a, b): return "\(a.code) \(op) \(b.code)"
        case let .call(f, args, keywords, _):
            let parts = zip(args, keywords).map { a, k in k.map { "\($0)=\(a.code)" } ?? a.code }
            return "\(f)(\(parts.joined(separator: ", ")))"
        case let .parenthesised(e): return "(\(e.code))"
        }
    }
}

/// Terms and intercept state of a formula (sub)expression (patsy's IntermediateExpr).
struct FormulaTermList {
    var terms: [FormulaTerm]
    /// nil: not specified; true: `1`; false: `0` or `- 1`.
    var intercept: Bool?

    func adding(_ other: FormulaTermList) -> FormulaTermList {
        var t = terms
        for x in other.terms where !t.contains(x) { t.append(x) }
        return FormulaTermList(terms: t, intercept: other.intercept ?? intercept)
    }

    func removing(_ other: FormulaTermList) -> FormulaTermList {
        let t = terms.filter { !other.terms.contains($0) }
        var i = intercept
        if let o = other.intercept { i = !o }
        return FormulaTermList(terms: t, intercept: i)
    }

    func interacting(_ other: FormulaTermList) -> FormulaTermList {
        var t: [FormulaTerm] = []
        for a in terms { for b in other.terms {
            let c = a.interacted(with: b)
            if !t.contains(c) { t.append(c) }
        } }
        return FormulaTermList(terms: t, intercept: nil)
    }
}
