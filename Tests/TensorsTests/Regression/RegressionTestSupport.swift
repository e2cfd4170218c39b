import Foundation
@testable import Tensors

/// Loads a JSON resource from `Resources/regression/`.
func regressionResource(_ name: String) throws -> Any {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources/regression") else {
        throw RegressionError.invalidOption("missing test resource \(name).json")
    }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url))
}

/// Log relative error (NIST definition, capped at 15; absolute when the certified value is 0).
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
    if estimate == certified { return 15 }
    let err = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
    return min(15, -log10(err))
}
