/// What `factorlab ols` fits: a formula, or a response and regressor columns, with options.
/// ``fit(_:)`` is the whole command behind the argument parsing (typed errors for bad input).
public struct OLSSpecification: Sendable {
    /// A formula (`y ~ x + C(sector)`); when set, `response` and `regressors` must be nil.
    public var formula: String?
    /// The response column (without a formula).
    public var response: String?
    /// Regressor columns (without a formula); nil for every numeric column except the response,
    /// the weights and a `date` column.
    public var regressors: [String]?
    /// Whether to add a constant named `const` (column form only; formulas say it themselves).
    public var intercept: Bool
    /// The covariance estimator.
    public var covariance: CovarianceType
    /// A column of WLS weights (finite, > 0).
    public var weights: String?

    /// Stores the options; ``fit(_:)`` validates them against the table.
    public init(formula: String? = nil, response: String? = nil, regressors: [String]? = nil, intercept: Bool = true,
                covariance: CovarianceType = .classical, weights: String? = nil) {
        self.formula = formula
        self.response = response
        self.regressors = regressors
        self.intercept = intercept
        self.covariance = covariance
        self.weights = weights
    }

    /// The response name and the fit. Beyond ``LinearRegression``'s own checks this refuses what a
    /// command-line user cannot have meant: a constant response (with a constant in the model),
    /// a singular design (naming the aliased columns), and non-numeric or non-finite fields
    /// (naming file, line and column).
    public func fit(_ data: RegressionData) throws -> (dependent: String, result: RegressionResult) {
        var weightValues: [Double]? = nil
        if let weights {
            let w = try data.numbers(weights)
            try data.requireFinite(w, label: weights)
            for (i, v) in w.enumerated() where !(v > 0) {
                throw FormulaError.invalid("\(data.source):\(data.line(ofRow: i)): weight '\(weights)' is \(v) (weights must be > 0)")
            }
            weightValues = w
        }
        let model = LinearRegression(intercept: intercept, covariance: covariance, weights: weightValues)
        let dependent: String, y: [Double], design: RegressionDesign, hasIntercept: Bool
        if let formula {
            guard response == nil, regressors == nil else {
                throw FormulaError.invalid("give either a formula or a response and regressors, not both")
            }
            let evaluated = try RegressionFormula(formula).design(data)
            (dependent, y, design) = (evaluated.responseName, evaluated.response, evaluated.design)
            hasIntercept = evaluated.design.names.first == "Intercept"
        } else {
            guard let response else { throw FormulaError.invalid("a response column or a formula is required") }
            let names = regressors ?? data.names.filter { name in
                name != response && name != weights && name.lowercased() != "date"
                    && (data.isNumeric(name) || data.isMixed(name))
            }
            guard !names.isEmpty else {
                throw FormulaError.invalid("\(data.source): no numeric regressor columns besides '\(response)'")
            }
            let yValues = try data.numbers(response)
            try data.requireFinite(yValues, label: response)
            var columns: [[Double]] = []
            for name in names {
                let c = try data.numbers(name)
                try data.requireFinite(c, label: name)
                columns.append(c)
            }
            (dependent, y, design) = (response, yValues, try RegressionDesign(columns: columns, names: names))
            hasIntercept = intercept
        }
        if hasIntercept, let first = y.first, y.allSatisfy({ $0 == first }) {
            throw FormulaError.constantResponse(name: dependent)
        }
        var fitter = model
        if formula != nil { fitter.intercept = false }
        let result = try fitter.fit(y: y, design: design)
        guard result.aliased.isEmpty else { throw FormulaError.singularDesign(aliased: result.aliased) }
        return (dependent, result)
    }

    /// The command's output: the statsmodels-style summary, or one JSON object.
    public func report(_ data: RegressionData, json: Bool) throws -> String {
        let (dependent, result) = try fit(data)
        return json ? result.jsonText() : result.summary(dependent: dependent)
    }
}
