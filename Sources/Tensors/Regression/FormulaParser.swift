/// Tokens with their character offsets.
struct FormulaToken: Equatable {
    enum Kind: Equatable { case name, number, string, op, end }
    let kind: Kind
    let text: String
    let position: Int
}

/// Recursive-descent parser for the formula language and the Python-style factor expressions.
struct FormulaParser {
    let formula: String
    private var tokens: [FormulaToken] = []
    private var index = 0

    init(_ formula: String) throws {
        self.formula = formula
        let chars = Array(formula)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c.isLetter || c == "_" {
                let start = i
                while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == ".") { i += 1 }
                tokens.append(FormulaToken(kind: .name, text: String(chars[start..<i]), position: start))
                continue
            }
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                let start = i
                while i < chars.count && (chars[i].isNumber || chars[i] == ".") { i += 1 }
                if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
                    var j = i + 1
                    if j < chars.count && (chars[j] == "+" || chars[j] == "-") { j += 1 }
                    if j < chars.count && chars[j].isNumber {
                        i = j
                        while i < chars.count && chars[i].isNumber { i += 1 }
                    }
                }
                tokens.append(FormulaToken(kind: .number, text: String(chars[start..<i]), position: start))
                continue
            }
            if c == "'" || c == "\"" {
                let start = i
                i += 1
                while i < chars.count && chars[i] != c { i += 1 }
                guard i < chars.count else { throw FormulaError.syntax(formula: formula, position: start, message: "unterminated string") }
                i += 1
                tokens.append(FormulaToken(kind: .string, text: String(chars[start..<i]), position: start))
                continue
            }
            if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                tokens.append(FormulaToken(kind: .op, text: "**", position: i))
                i += 2
                continue
            }
            if "~+-*/:(),=".contains(c) {
                tokens.append(FormulaToken(kind: .op, text: String(c), position: i))
                i += 1
                continue
            }
            throw FormulaError.syntax(formula: formula, position: i, message: "unexpected character '\(c)'")
        }
        tokens.append(FormulaToken(kind: .end, text: "", position: chars.count))
    }

    private var current: FormulaToken { tokens[index] }
    private func error(_ message: String, at token: FormulaToken? = nil) -> FormulaError {
        .syntax(formula: formula, position: (token ?? current).position, message: message)
    }
    private mutating func accept(_ op: String) -> Bool {
        if current.kind == .op && current.text == op { index += 1; return true }
        return false
    }
    private mutating func expect(_ op: String) throws {
        guard accept(op) else {
            throw error(current.kind == .end ? "expected '\(op)' before the end" : "expected '\(op)', found '\(current.text)'")
        }
    }

    /// `response ~ terms`.
    mutating func parseFormula() throws -> (FormulaExpression, FormulaTermList) {
        guard current.kind != .end else { throw error("empty formula") }
        guard current.kind != .op || current.text == "(" else {
            throw error(current.text == "~" ? "missing response before '~'" : "expected a response, found '\(current.text)'")
        }
        let response = try parseFactor()
        guard current.kind == .op && current.text == "~" else {
            throw error(current.kind == .end ? "expected '~' after the response" : "expected '~', found '\(current.text)'")
        }
        index += 1
        guard current.kind != .end else { throw error("missing terms after '~'") }
        let rhs = try parseSum()
        guard current.kind == .end else { throw error("unexpected '\(current.text)'") }
        return (response, rhs)
    }

    // MARK: Formula level (precedence: + - < * / < : < **)

    private mutating func parseSum() throws -> FormulaTermList {
        var lhs: FormulaTermList
        if current.kind == .op && current.text == "-" {
            // Leading unary minus: only `-1` / `-0` (intercept removal / addition).
            let minus = current
            index += 1
            guard current.kind == .number, current.text == "0" || current.text == "1" else {
                throw error("unary '-' applies only to 0 or 1", at: minus)
            }
            lhs = FormulaTermList(terms: [], intercept: current.text == "0")
            index += 1
        } else {
            lhs = try parseProduct()
        }
        while current.kind == .op && (current.text == "+" || current.text == "-") {
            let plus = current.text == "+"
            index += 1
            let rhs = try parseProduct()
            lhs = plus ? lhs.adding(rhs) : lhs.removing(rhs)
        }
        return lhs
    }

    private mutating func parseProduct() throws -> FormulaTermList {
        var lhs = try parseInteraction()
        while current.kind == .op && (current.text == "*" || current.text == "/") {
            let star = current.text == "*"
            index += 1
            let rhs = try parseInteraction()
            if star {
                lhs = lhs.adding(rhs).adding(lhs.interacting(rhs))
            } else {
                // a/b = a + (all of a's factors):b
                let all = lhs.terms.reduce(FormulaTerm(factors: [])) { $0.interacted(with: $1) }
                lhs = lhs.adding(FormulaTermList(terms: [all], intercept: nil).interacting(rhs))
            }
        }
        return lhs
    }

    private mutating func parseInteraction() throws -> FormulaTermList {
        var lhs = try parsePower()
        while accept(":") {
            lhs = lhs.interacting(try parsePower())
        }
        return lhs
    }

    private mutating func parsePower() throws -> FormulaTermList {
        let base = try parseAtom()
        guard accept("**") else { return base }
        guard current.kind == .number, let k = Int(current.text), k >= 1 else {
            throw error("'**' in a formula needs a positive integer (use I(x**2) for a power of x)")
        }
        index += 1
        var result = base
        if k > 1 { for _ in 2...k { result = result.adding(result.interacting(base)) } }
        return result
    }

    private mutating func parseAtom() throws -> FormulaTermList {
        let token = current
        switch token.kind {
        case .op where token.text == "(":
            index += 1
            let inner = try parseSum()
            try expect(")")
            return inner
        case .number:
            index += 1
            switch token.text {
            case "0": return FormulaTermList(terms: [], intercept: false)
            case "1": return FormulaTermList(terms: [], intercept: true)
            default: throw error("a number in a formula must be 0 or 1 (use I(…) for arithmetic)", at: token)
            }
        case .name:
            return FormulaTermList(terms: [FormulaTerm(factors: [try parseFactor()])], intercept: nil)
        case .end:
            throw error("expected a term before the end")
        default:
            throw error("expected a term, found '\(token.text)'")
        }
    }

    /// A factor: a name, or a call `f(args)` whose arguments are Python-style expressions.
    private mutating func parseFactor() throws -> FormulaExpression {
        let token = current
        guard token.kind == .name else { throw error("expected a column name or a function call, found '\(token.text)'") }
        index += 1
        if current.kind == .op && current.text == "(" { return try parseCallArguments(name: token.text, at: token.position) }
        return .name(token.text, position: token.position)
    }

    private mutating func parseCallArguments(name: String, at position: Int) throws -> FormulaExpression {
        try expect("(")
        var args: [FormulaExpression] = [], keywords: [String?] = []
        if !accept(")") {
            repeat {
                if current.kind == .name, index + 1 < tokens.count, tokens[index + 1].kind == .op, tokens[index + 1].text == "=" {
                    keywords.append(current.text)
                    index += 2
                } else {
                    keywords.append(nil)
                }
                args.append(try parseExpression())
            } while accept(",")
            try expect(")")
        }
        return .call(name, args, keywords: keywords, position: position)
    }

    // MARK: Python-style expressions (inside calls)

    private mutating func parseExpression() throws -> FormulaExpression {
        var lhs = try parseTerm()
        while current.kind == .op && (current.text == "+" || current.text == "-") {
            let op = current.text
            index += 1
            lhs = .binary(op, lhs, try parseTerm())
        }
        return lhs
    }

    private mutating func parseTerm() throws -> FormulaExpression {
        var lhs = try parseUnary()
        while current.kind == .op && (current.text == "*" || current.text == "/") {
            let op = current.text
            index += 1
            lhs = .binary(op, lhs, try parseUnary())
        }
        return lhs
    }

    private mutating func parseUnary() throws -> FormulaExpression {
        if current.kind == .op && (current.text == "-" || current.text == "+") {
            let op = current.text
            index += 1
            return .unary(op, try parseUnary())
        }
        let base = try parsePrimary()
        if accept("**") { return .binary("**", base, try parseUnary()) }
        return base
    }

    private mutating func parsePrimary() throws -> FormulaExpression {
        let token = current
        switch token.kind {
        case .number:
            index += 1
            guard let v = Double(token.text) else { throw error("bad number '\(token.text)'", at: token) }
            return .number(v, text: token.text)
        case .string:
            index += 1
            return .string(String(token.text.dropFirst().dropLast()), text: token.text)
        case .name:
            return try parseFactor()
        case .op where token.text == "(":
            index += 1
            let inner = try parseExpression()
            try expect(")")
            return .parenthesised(inner)
        case .end:
            throw error("expression ends too early")
        default:
            throw error("unexpected '\(token.text)' in an expression")
        }
    }
}
