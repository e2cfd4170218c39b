import Foundation
@testable import Tensors

/// One case of Resources/lstm/lstm_reference.json (torch.nn.LSTM in float64).
struct LSTMReferenceCase {
    let name: String
    let batch, seq, inputSize, hidden, layers: Int
    let hasInitialState, lossIncludesFinalState: Bool
    let paramNames: [String]
    let values: [String: [Double]]      // flattened arrays: input, G, Gh, Gc, output, h_n, c_n, h0, c0
    let weights: [String: [Double]]
    let grads: [String: [Double]]

    static func loadAll() throws -> [LSTMReferenceCase] {
        guard let url = Bundle.module.url(forResource: "lstm_reference", withExtension: "json", subdirectory: "Resources/lstm")
        else { throw CocoaError(.fileNoSuchFile) }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map { c in
            func flat(_ any: Any?) -> [Double]? {
                guard let any, !(any is NSNull) else { return nil }
                var out: [Double] = []
                func walk(_ v: Any) {
                    if let a = v as? [Any] { a.forEach(walk) } else { out.append((v as! NSNumber).doubleValue) }
                }
                walk(any)
                return out
            }
            var values: [String: [Double]] = [:]
            for k in ["input", "G", "Gh", "Gc", "output", "h_n", "c_n", "h0", "c0"] { values[k] = flat(c[k]) }
            let w = (c["weights"] as! [String: Any]).compactMapValues { flat($0) }
            let g = (c["grads"] as! [String: Any]).compactMapValues { flat($0) }
            return LSTMReferenceCase(
                name: c["name"] as! String, batch: c["batch"] as! Int, seq: c["seq"] as! Int,
                inputSize: c["input_size"] as! Int, hidden: c["hidden"] as! Int, layers: c["layers"] as! Int,
                hasInitialState: c["has_initial_state"] as! Bool,
                lossIncludesFinalState: c["loss_includes_hn_cn"] as! Bool,
                paramNames: c["param_names"] as! [String], values: values, weights: w, grads: g)
        }
    }

    func tensor<S: TensorScalar>(_ key: String, _ shape: [Int], as: S.Type = S.self) -> Tensor<S>? {
        values[key].map { Tensor(shape: shape, scalars: $0.map { S($0) }) }
    }
}

/// max |a − b| / max(1, max |b|): relative to the reference's scale, absolute near zero.
func lstmScaledError<S: TensorScalar>(_ a: Tensor<S>, _ b: [Double]) -> Double {
    let x = a.scalars
    precondition(x.count == b.count, "size mismatch \(x.count) vs \(b.count)")
    var err = 0.0, scale = 1.0
    for i in b.indices {
        err = max(err, abs(Double(x[i]) - b[i]))
        if err.isNaN || Double(x[i]).isNaN { return .infinity }
        scale = max(scale, abs(b[i]))
    }
    return err / scale
}

/// Deterministic pseudo-random tensor in [−scale, scale).
func lstmRandomTensor<S: TensorScalar>(_ shape: [Int], seed: UInt64, scale: Double = 1) -> Tensor<S> {
    var rng = SplitMix64(state: seed)
    return Tensor(shape: shape, generating: { _ in S((2 * rng.nextUnitDouble() - 1) * scale) })
}
