import Foundation

extension TrainableModel {
    /// Saves the parameters under their ``TrainableModel/parameterNames`` (PyTorch
    /// `state_dict` keys) as a safetensors file, atomically; PyTorch reads it with
    /// `safetensors.torch.load_file` and `module.load_state_dict`.
    public func saveSafetensors(to url: URL, metadata: [String: String] = ["format": "pt"]) throws {
        try SafetensorsFile.write(Array(zip(parameterNames, parameters)).map { (name: $0.0, tensor: $0.1) },
                                  metadata: metadata, to: url)
    }

    /// Replaces the parameters with those of a safetensors file (e.g. from PyTorch's
    /// `save_file(module.state_dict(), …)`), strictly: every name must be present with the
    /// model's shape, and the file must hold no other tensors. The model is unchanged when
    /// this throws.
    public mutating func loadSafetensors(from url: URL, allowLossyConversion: Bool = false) throws {
        try loadParameters(from: SafetensorsFile(contentsOf: url), allowLossyConversion: allowLossyConversion)
    }

    /// ``loadSafetensors(from:allowLossyConversion:)`` from an already validated file.
    public mutating func loadParameters(from file: SafetensorsFile, allowLossyConversion: Bool = false) throws {
        let names = parameterNames
        let current = parameters
        let unexpected = Set(file.names).subtracting(names)
        guard unexpected.isEmpty else { throw SafetensorsError.unexpectedTensors(unexpected.sorted()) }
        var loaded: [Tensor<Scalar>] = []
        loaded.reserveCapacity(names.count)
        for (name, parameter) in zip(names, current) {
            guard let entry = file.entry(name) else { throw SafetensorsError.missingTensor(name) }
            guard entry.shape == parameter.shape else {
                throw SafetensorsError.shapeMismatch(tensor: name, expected: parameter.shape, found: entry.shape)
            }
            loaded.append(try file.tensor(name, as: Scalar.self, allowLossyConversion: allowLossyConversion))
        }
        parameters = loaded
    }
}
