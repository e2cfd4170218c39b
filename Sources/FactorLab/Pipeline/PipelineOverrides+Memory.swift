import Foundation

extension PipelineOverrides {
    /// About how many bytes one LSTM training holds at its peak (Float32): the parameters of the
    /// network being trained with its gradients, Adam's two moments and the best-epoch copy, the
    /// finished ensemble members, and per mini-batch the gate pre-activations, cell and hidden
    /// states of every step and layer with their gradients, and the input batch with its gradient.
    ///
    /// `features` is an upper bound (the screen keeps at most `--max-factors`). It is an estimate
    /// for refusing sizes that cannot fit, not an accounting: the windowed dataset itself is not
    /// counted (it depends on the data).
    public static func lstmWorkspaceBytes(batchSize: Int, window: Int, features: Int, hidden: Int, layers: Int,
                                          ensemble: Int) -> Double {
        // Double arithmetic: sizes near the option limits overflow Int.
        let b = Double(batchSize), w = Double(window), f = Double(features), h = Double(hidden), l = Double(layers)
        let firstLayer = 4 * h * (f + h + 1), laterLayers = (l - 1) * 4 * h * (2 * h + 1)
        let parameters = firstLayer + laterLayers + h + 1
        let parameterState = parameters * (4 + Double(ensemble))
        let activations = b * w * (12 * h * l + 2 * f)
        return 4 * (parameterState + activations)
    }

    /// Refuses an LSTM size that cannot fit in `physicalMemory` bytes, before any work:
    /// ``PipelineConfigError/invalid(option:reason:)`` on `hidden` saying how much it needs.
    /// Nothing is checked when no LSTM model is selected. Call after the range checks.
    public func checkMemory(physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory,
                            models registry: ModelRegistry = .standard) throws {
        let config = PipelineConfig(preset: .run, overrides: self)
        // Only models whose descriptors declare a network to train are checked (the LSTMs).
        guard config.models.contains(where: { registry[$0]?.trainsNetwork ?? false }) else { return }
        // The largest hidden size any tuning candidate may train.
        var hidden = config.lstm.hidden
        if config.tuning.mode == .grid { hidden = max(hidden, config.tuning.grid.hidden.max() ?? hidden) }
        let bytes = Self.lstmWorkspaceBytes(batchSize: config.lstm.batchSize, window: config.window,
                                            features: config.screen.maxFactors, hidden: hidden, layers: config.lstm.layers,
                                            ensemble: config.lstm.ensemble)
        guard bytes > Double(physicalMemory) else { return }
        func gb(_ x: Double) -> String { String(format: x >= 10e9 ? "%.0f" : "%.1f", x / 1e9) }
        throw PipelineConfigError.invalid(
            option: "hidden",
            reason: "\(hidden) with --layers \(config.lstm.layers), --batch-size \(config.lstm.batchSize), --window \(config.window), "
                + "--ensemble \(config.lstm.ensemble) and up to \(config.screen.maxFactors) factors needs about \(gb(bytes)) GB "
                + "for LSTM training, this machine has \(gb(Double(physicalMemory))) GB")    }
}
