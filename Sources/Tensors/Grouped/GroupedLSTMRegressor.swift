import Synchronization

/// `G` independent sequence regressors `LSTM(I → H, L layers) → last step → Linear(H → 1)`
/// of identical shape, evaluated and trained together: every GEMM of one ``LSTMRegressor``
/// becomes one strided-batched GEMM over the groups (``BLAS/gemmStridedBatched(transA:transB:m:n:k:alpha:a:lda:strideA:b:ldb:strideB:beta:c:ldc:strideC:batchCount:strategy:)``),
/// and the groups are split between ``BLAS/threads`` worker threads (see Docs/GroupedLSTM.md).
///
/// Parameters are stored stacked along a leading group axis, in ``LSTMRegressor`` order and
/// under its names: per layer `k` `lstm.weight_ih_lk [G, 4H, I_k]`, `lstm.weight_hh_lk [G, 4H, H]`,
/// `lstm.bias_ih_lk [G, 4H]`, `lstm.bias_hh_lk [G, 4H]`, then `head.weight [G, 1, H]`, `head.bias [G, 1]`.
/// Slice `g` of every tensor is exactly the parameter list of ``model(at:)``.
///
/// Inputs are `[G, B, T, I]` (each group its own `B` batch-first sequences), outputs `[G, B, 1]`.
/// The initial state is zero, no dropout. Each group's outputs and gradients depend only on
/// its own rows and parameters, so padding rows (masked out of the loss, ``GroupedMSELoss``)
/// never leak into another group, and results do not depend on the thread count.
public struct GroupedLSTMRegressor<Scalar: TensorScalar>: Sendable {
    /// The number of independent models.
    public let groups: Int
    /// Features per input step.
    public let inputSize: Int
    /// Hidden units of every layer.
    public let hiddenSize: Int
    /// Stacked LSTM layers.
    public let layers: Int

    var storedParameters: [Tensor<Scalar>]
    var trainingWorkspace: GroupedLSTMWorkspace<Scalar>?
    var pendingBackward = false
    let inferenceCache = GroupedLSTMInferenceCache<Scalar>()

    /// `seeds.count` groups, group `g` initialised exactly as
    /// `LSTMRegressor<Scalar>(inputSize:hiddenSize:layers:seed: seeds[g])`.
    ///
    /// - Precondition: at least one seed; sizes ≥ 1.
    public init(inputSize: Int, hiddenSize: Int, layers: Int = 1, seeds: [UInt64]) {
        precondition(!seeds.isEmpty, "GroupedLSTMRegressor: needs at least one group (seed)")
        let models = seeds.map {
            LSTMRegressor<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers, seed: $0)
        }
        // Same shapes and no dropout by construction.
        try! self.init(models)
    }

    /// The groups `models[0], models[1], …` (their current weights).
    ///
    /// - Throws: ``GroupedLSTMError/modelMismatch(group:reason:)`` when the list is empty or a
    ///   model differs from the first in input size, hidden size, layers or output size, or uses dropout.
    public init(_ models: [LSTMRegressor<Scalar>]) throws {
        guard let first = models.first else {
            throw GroupedLSTMError.modelMismatch(group: 0, reason: "no models given")
        }
        let lstm = first.first.lstm
        (groups, inputSize, hiddenSize, layers) = (models.count, lstm.inputSize, lstm.hiddenSize, lstm.layers)
        for (g, model) in models.enumerated() {
            let other = model.first.lstm
            if other.inputSize != inputSize || other.hiddenSize != hiddenSize || other.layers != layers {
                throw GroupedLSTMError.modelMismatch(group: g, reason:
                    "LSTM(\(other.inputSize) → \(other.hiddenSize), \(other.layers) layers) differs from group 0's LSTM(\(inputSize) → \(hiddenSize), \(layers) layers)")
            }
            if model.second.outputSize != 1 {
                throw GroupedLSTMError.modelMismatch(group: g, reason: "head has \(model.second.outputSize) outputs, grouped regressors have 1")
            }
            if other.dropout != 0 {
                throw GroupedLSTMError.modelMismatch(group: g, reason: "dropout \(other.dropout) is not supported (grouped models have none)")
            }
        }
        let perModel = models.map { $0.parameters }
        storedParameters = perModel[0].indices.map { i in
            let shape = perModel[0][i].shape
            let n = perModel[0][i].count
            var stacked = Tensor<Scalar>.lstmUninitialized([models.count] + shape)
            stacked.withUnsafeMutableBufferPointer { dst in
                for g in models.indices {
                    perModel[g][i].withUnsafeBufferPointer { src in
                        (dst.baseAddress! + g * n).update(from: src.baseAddress!, count: n)
                    }
                }
            }
            return stacked
        }
    }

    /// The parameter names of ``LSTMRegressor`` (`lstm.weight_ih_l0`, …, `head.weight`, `head.bias`).
    public var parameterNames: [String] {
        (0..<layers).flatMap { k in
            ["lstm.weight_ih_l\(k)", "lstm.weight_hh_l\(k)", "lstm.bias_ih_l\(k)", "lstm.bias_hh_l\(k)"]
        } + ["head.weight", "head.bias"]
    }

    /// The shapes of one group's parameters (those of ``LSTMRegressor/parameters``).
    public var groupParameterShapes: [[Int]] {
        LSTM<Scalar>.parameterShapes(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers)
            + [[1, hiddenSize], [1]]
    }

    /// The stacked parameters, aligned with ``parameterNames``, each `[G] + ` the group shape.
    ///
    /// - Precondition (set): same count and shapes.
    public var parameters: [Tensor<Scalar>] {
        get { storedParameters }
        set {
            let shapes = groupParameterShapes.map { [groups] + $0 }
            precondition(newValue.count == shapes.count,
                         "GroupedLSTMRegressor.parameters: expected \(shapes.count) tensors, got \(newValue.count)")
            for (i, (t, s)) in zip(newValue, shapes).enumerated() {
                precondition(t.shape == s, "GroupedLSTMRegressor.parameters: \(parameterNames[i]) must be \(s), got \(t.shape)")
            }
            storedParameters = newValue.map { $0.contiguous() }
        }
    }

    /// Group `g` as a plain ``LSTMRegressor`` (e.g. to save one asset's model as safetensors).
    ///
    /// - Precondition: `0 ≤ g < groups`.
    public func model(at g: Int) -> LSTMRegressor<Scalar> {
        precondition((0..<groups).contains(g), "GroupedLSTMRegressor.model(at:): group \(g) not in 0..<\(groups)")
        var model = LSTMRegressor<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, layers: layers)
        model.parameters = storedParameters.map { $0.slice(g).contiguous() }
        return model
    }

    /// Replaces group `g`'s weights by `model`'s.
    ///
    /// - Throws: ``GroupedLSTMError/modelMismatch(group:reason:)`` for a model of another shape.
    /// - Precondition: `0 ≤ g < groups`.
    public mutating func setModel(_ model: LSTMRegressor<Scalar>, at g: Int) throws {
        precondition((0..<groups).contains(g), "GroupedLSTMRegressor.setModel(_:at:): group \(g) not in 0..<\(groups)")
        let shapes = groupParameterShapes
        let params = model.parameters
        guard params.map(\.shape) == shapes, model.first.lstm.dropout == 0 else {
            throw GroupedLSTMError.modelMismatch(group: g, reason:
                "parameter shapes \(params.map(\.shape)) (dropout \(model.first.lstm.dropout)) differ from \(shapes) without dropout")
        }
        for i in storedParameters.indices {
            let n = params[i].count
            storedParameters[i].withUnsafeMutableBufferPointer { dst in
                params[i].withUnsafeBufferPointer { src in
                    (dst.baseAddress! + g * n).update(from: src.baseAddress!, count: n)
                }
            }
        }
    }

    /// Inference: `[G, B, T, I]` → `[G, B, 1]` (no activations kept).
    ///
    /// - Precondition: `input` is `[groups, B ≥ 1, T ≥ 1, inputSize]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func predict(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        let (b, t) = checkInput(input)
        return inferenceCache.withWorkspace(
            make: { GroupedLSTMWorkspace(groups: groups, batch: b, steps: t, inputSize: inputSize,
                                         hidden: hiddenSize, layers: layers, training: false) },
            matches: { $0.matches(batch: b, steps: t, training: false) }
        ) { ws in
            runForward(ws, input: input)
            return outputTensor(ws)
        }
    }

    /// Ragged inference: `inputs[g]` is `[n_g, T, I]` (any `n_g ≥ 0`, one `T` for all groups);
    /// returns `[n_g, 1]` per group. Runs in chunks of `batchSize` rows per group, padding the
    /// groups that have fewer rows left with zeros. The inference workspace (kept for the next
    /// call) holds `G·batchSize·T·(7H·L + I)` scalars, so keep `batchSize` moderate for many groups.
    ///
    /// - Throws: ``GroupedLSTMError`` for a wrong group count or input shapes.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func predict(groups inputs: [Tensor<Scalar>], batchSize: Int = 64) throws -> [Tensor<Scalar>] {
        let steps = try checkRagged(inputs, what: "inputs")
        let counts = inputs.map { $0.shape[0] }
        let outputs = counts.map { Tensor<Scalar>.lstmUninitialized([$0, 1]) }
        guard let most = counts.max(), most > 0, let steps else { return outputs }
        let b = max(1, min(batchSize, most))
        let dense = inputs.map { $0.contiguous() }
        let rowLength = steps * inputSize
        inferenceCache.withWorkspace(
            make: { GroupedLSTMWorkspace(groups: groups, batch: b, steps: steps, inputSize: inputSize,
                                         hidden: hiddenSize, layers: layers, training: false) },
            matches: { $0.matches(batch: b, steps: steps, training: false) }
        ) { ws in
            var start = 0
            let sources = dense.map { $0.count > 0 ? UnsafePointer($0.lstmBase) : nil }
            while start < most {
                // Only the groups with rows left in this chunk.
                runForward(ws, selected: (0..<groups).filter { counts[$0] > start }) { g in
                    let rows = max(0, min(b, counts[g] - start))
                    ws.loadGroupRows(group: g, from: sources[g].map { $0 + start * rowLength }, rows: rows)
                }
                for g in 0..<groups where counts[g] > start {
                    let rows = min(b, counts[g] - start)
                    outputs[g].lstmBase.advanced(by: start).update(from: ws.output + g * b, count: rows)
                }
                start += b
            }
            withExtendedLifetime(dense) {} // `sources` point into it
        }
        return outputs
    }

    /// Training forward: like ``predict(_:)`` but keeps the activations for one ``backward(_:)``.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func forwardTraining(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        let (b, t) = checkInput(input)
        let ws = prepareTrainingWorkspace(batch: b, steps: t)
        runForward(ws, input: input)
        pendingBackward = true
        return outputTensor(ws)
    }

    /// Training forward whose input rows are written by `load(ws, g)` for each group `g`
    /// (called concurrently for different groups, see ``runForward(_:selected:load:)``): the trainer
    /// gathers each group's mini-batch straight into the workspace.
    /// Only the `selected` groups are computed; the others' outputs are stale and their
    /// gradients in the following ``backward(_:selected:)`` zero.
    mutating func forwardTraining(batch b: Int, steps t: Int, selected: [Int],
                                  load: (GroupedLSTMWorkspace<Scalar>, Int) -> Void) -> Tensor<Scalar> {
        let ws = prepareTrainingWorkspace(batch: b, steps: t)
        runForward(ws, selected: selected) { g in load(ws, g) }
        pendingBackward = true
        return outputTensor(ws)
    }

    /// ``backward(_:)`` of the `selected` groups of a ``forwardTraining(batch:steps:selected:load:)``.
    mutating func backward(_ outputGradient: Tensor<Scalar>, selected: [Int]) -> [Tensor<Scalar>] {
        precondition(pendingBackward, "GroupedLSTMRegressor.backward: call forwardTraining first (one backward per forward)")
        pendingBackward = false
        let ws = trainingWorkspace!
        return outputGradient.withUnsafeBufferPointer { runBackward(ws, outputGradient: $0.baseAddress!, selected: selected) }
    }

    /// Gradients of the last ``forwardTraining(_:)`` for ∂loss/∂output `[G, B, 1]`, stacked and
    /// aligned with ``parameters`` (the `bias_ih` and `bias_hh` gradients are equal).
    ///
    /// - Precondition: one backward per training forward; gradient shaped like that output.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func backward(_ outputGradient: Tensor<Scalar>) -> [Tensor<Scalar>] {
        precondition(pendingBackward, "GroupedLSTMRegressor.backward: call forwardTraining first (one backward per forward)")
        let ws = trainingWorkspace!
        precondition(outputGradient.shape == [groups, ws.batch, 1],
                     "GroupedLSTMRegressor.backward: gradient must be [\(groups), \(ws.batch), 1], got \(outputGradient.shape)")
        pendingBackward = false
        return outputGradient.withUnsafeBufferPointer { runBackward(ws, outputGradient: $0.baseAddress!) }
    }

    /// The training workspace for a shape, reused when this value owns it alone.
    mutating func prepareTrainingWorkspace(batch b: Int, steps t: Int) -> GroupedLSTMWorkspace<Scalar> {
        pendingBackward = false
        if trainingWorkspace == nil || !trainingWorkspace!.matches(batch: b, steps: t, training: true)
            || !isKnownUniquelyReferenced(&trainingWorkspace!) {
            trainingWorkspace = nil // release before allocating the replacement
            trainingWorkspace = GroupedLSTMWorkspace(groups: groups, batch: b, steps: t, inputSize: inputSize,
                                                     hidden: hiddenSize, layers: layers, training: true)
        }
        return trainingWorkspace!
    }

    func checkInput(_ input: Tensor<Scalar>) -> (batch: Int, steps: Int) {
        precondition(input.rank == 4 && input.shape[0] == groups && input.shape[1] >= 1 && input.shape[2] >= 1
                     && input.shape[3] == inputSize,
                     "GroupedLSTMRegressor: input must be [\(groups), batch ≥ 1, steps ≥ 1, \(inputSize)], got \(input.shape)")
        return (input.shape[1], input.shape[2])
    }

    /// Validates ragged per-group inputs `[n_g, T, I]`; returns the common `T` (nil when every group is empty).
    func checkRagged(_ inputs: [Tensor<Scalar>], what: String) throws -> Int? {
        guard inputs.count == groups else {
            throw GroupedLSTMError.groupCountMismatch(what: what, expected: groups, got: inputs.count)
        }
        var steps: Int?
        for (g, x) in inputs.enumerated() {
            guard x.rank == 3, x.shape[2] == inputSize, x.shape[1] >= 1 else {
                throw GroupedLSTMError.inputShapeMismatch(group: g, expected: [-1, steps ?? -1, inputSize], got: x.shape)
            }
            if x.shape[0] == 0 { continue }
            if let s = steps, s != x.shape[1] {
                throw GroupedLSTMError.inputShapeMismatch(group: g, expected: [-1, s, inputSize], got: x.shape)
            }
            steps = x.shape[1]
        }
        return steps
    }

    /// The forward pass of a batch-first `[G, B, T, I]` input (copied to the workspace's
    /// `[G, T, B, I]` group by group inside the pass).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runForward(_ ws: GroupedLSTMWorkspace<Scalar>, input: Tensor<Scalar>) {
        let rowLength = ws.steps * inputSize
        let dense = input.contiguous()
        let x = UnsafePointer(dense.lstmBase)
        withExtendedLifetime(dense) {
            runForward(ws) { g in ws.loadGroupRows(group: g, from: x + g * ws.batch * rowLength, rows: ws.batch) }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func outputTensor(_ ws: GroupedLSTMWorkspace<Scalar>) -> Tensor<Scalar> {
        let out = Tensor<Scalar>.lstmUninitialized([groups, ws.batch, 1])
        out.lstmBase.update(from: ws.output, count: groups * ws.batch)
        return out
    }
}

/// The inference workspace cache of one grouped model value.
typealias GroupedLSTMInferenceCache<Scalar: TensorScalar> = WorkspaceCache<GroupedLSTMWorkspace<Scalar>>
