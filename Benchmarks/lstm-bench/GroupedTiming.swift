import ArgumentParser
import Dispatch
import Glibc
import Tensors

/// Times one training step of G per-asset LSTM regressors trained together
/// (``GroupedLSTMRegressor``: strided-batched GEMMs, groups split across threads) against a
/// loop over G separate ``LSTMRegressor`` steps, both as the bare pass (training forward,
/// masked MSE, backward) and inside the trainers (one epoch of ``GroupedTrainer`` vs G
/// ``Trainer`` epochs, Adam included, divided by the steps per epoch).
struct GroupedTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grouped",
        abstract: "Times grouped per-asset LSTM training steps vs a loop over single models (median ms).")

    @Option(help: "Groups (assets).") var groups: Int = 100
    @Option(help: "Rows per group per step.") var batch: Int = 32
    @Option(help: "Sequence length.") var seq: Int = 20
    @Option(help: "Input features.") var input: Int = 10
    @Option(help: "Hidden sizes, comma-separated.") var hidden: String = "16,32"
    @Option(help: "Layers.") var layers: Int = 1
    @Option(help: "Thread counts, comma-separated.") var threads: String = "1,2"
    @Option(help: "Steps per epoch in the trainer comparison.") var stepsPerEpoch: Int = 4
    @Option(help: "float or double.") var dtype: String = "float"
    @Option(help: "Repeats per measurement (median reported).") var repeats: Int = 7
    @Flag(help: "Print a JSON array of records.") var json = false

    func validate() throws {
        guard dtype == "float" || dtype == "double" else { throw ValidationError("--dtype must be float or double") }
        guard [groups, batch, seq, input, layers, repeats, stepsPerEpoch].allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("sizes, repeats and steps must be ≥ 1")
        }
        guard parsedList(hidden).allSatisfy({ $0 >= 1 }), !parsedList(hidden).isEmpty,
              parsedList(threads).allSatisfy({ $0 >= 1 }), !parsedList(threads).isEmpty else {
            throw ValidationError("--hidden and --threads are comma-separated positive integers")
        }
    }

    func run() throws {
        var records: [String] = []
        if !json {
            let k = BLAS.kernelReport
            print("\(k.cpu.modelName.isEmpty ? k.cpu.vendor : k.cpu.modelName); OpenBLAS core \(k.openBLASCore)")
            print("G \(groups) × B \(batch) × T \(seq) × I \(input), \(layers) layer(s), \(dtype), median of \(repeats) (ms per step)")
            print("H   threads   grouped     loop  speed-up  loop@1t  vs best | trainer: grouped     loop  speed-up  loop@1t  vs best")
        }
        for h in parsedList(hidden) {
            for t in parsedList(threads) {
                BLAS.threads = t
                let r = dtype == "float" ? measure(Float.self, hidden: h) : measure(Double.self, hidden: h)
                if json {
                    records.append("""
                    {"groups": \(groups), "batch": \(batch), "seq": \(seq), "input": \(input), "hidden": \(h), \
                    "layers": \(layers), "threads": \(t), "dtype": "\(dtype)", "grouped_step_ms": \(r.groupedStep), \
                    "loop_step_ms": \(r.loopStep), "step_speedup": \(r.loopStep / r.groupedStep), \
                    "loop_step_1thread_ms": \(r.loopOneThread), "speedup_vs_best_loop": \(min(r.loopStep, r.loopOneThread) / r.groupedStep), \
                    "grouped_trainer_step_ms": \(r.groupedTrainer), "loop_trainer_step_ms": \(r.loopTrainer), \
                    "trainer_speedup": \(r.loopTrainer / r.groupedTrainer), "loop_trainer_step_1thread_ms": \(r.loopTrainerOneThread), \
                    "trainer_speedup_vs_best_loop": \(min(r.loopTrainer, r.loopTrainerOneThread) / r.groupedTrainer), \
                    "kernels": \(BLAS.kernelReport.json)}
                    """)
                } else {
                    print("\(h)".padded(4) + "\(t)".padded(7) + [r.groupedStep, r.loopStep, r.loopStep / r.groupedStep,
                          r.loopOneThread, min(r.loopStep, r.loopOneThread) / r.groupedStep,
                          r.groupedTrainer, r.loopTrainer, r.loopTrainer / r.groupedTrainer, r.loopTrainerOneThread,
                          min(r.loopTrainer, r.loopTrainerOneThread) / r.groupedTrainer].map { round3($0).leftPadded(9) }.joined())
                }
            }
        }
        if json { print("[\n" + records.joined(separator: ",\n") + "\n]") }
    }

    struct Result { var groupedStep, loopStep, loopOneThread, groupedTrainer, loopTrainer, loopTrainerOneThread: Double }

    func measure<S: TensorScalar>(_: S.Type, hidden H: Int) -> Result {
        let (G, B, T, I, L) = (groups, batch, seq, input, layers)
        let seeds = (0..<G).map { UInt64($0) }
        var grouped = GroupedLSTMRegressor<S>(inputSize: I, hiddenSize: H, layers: L, seeds: seeds)
        var singles = seeds.map { LSTMRegressor<S>(inputSize: I, hiddenSize: H, layers: L, seed: $0) }
        let x = Tensor<S>(shape: [G, B, T, I], generating: { i in S(sin(Double(i) * 0.37)) })
        let y = Tensor<S>(shape: [G, B, 1], generating: { i in S(cos(Double(i) * 0.11)) })
        let mask = Tensor<S>.ones([G, B])
        let xs = (0..<G).map { x.slice($0).contiguous() }, ys = (0..<G).map { y.slice($0).contiguous() }
        var sink = S(0)

        func loop() {
            for g in 0..<G {
                let out = singles[g].forwardTraining(xs[g])
                let (_, d) = MSELoss.valueAndGradient(prediction: out, target: ys[g])
                sink += singles[g].backward(d)[0].scalars[0]
            }
        }
        // With several threads the loop is also timed at one thread (often its best: a batch of
        // B rows split over threads is small), interleaved with the others.
        let threads = BLAS.threads
        let steps = interleavedMedians([{
            let out = grouped.forwardTraining(x)
            let (_, d) = GroupedMSELoss.valueAndGradient(prediction: out, target: y, mask: mask)
            sink += grouped.backward(d)[0].scalars[0]
        }, loop] + (threads > 1 ? [{ BLAS.withThreads(1) { loop() } }] : []))
        let (groupedStep, loopStep) = (steps[0], steps[1])
        let loopOneThread = threads > 1 ? steps[2] : loopStep
        // Trainers: one epoch of `stepsPerEpoch` full steps per group (gather, step, Adam), no validation.
        let n = B * stepsPerEpoch
        let ex = (0..<G).map { g in Tensor<S>(shape: [n, T, I], generating: { i in S(sin(Double(i + g) * 0.37)) }) }
        let ey = (0..<G).map { g in Tensor<S>(shape: [n, 1], generating: { i in S(cos(Double(i + g) * 0.11)) }) }
        let config = TrainingConfiguration(epochs: 1, batchSize: B, seed: 1, gradientClipNorm: 1)
        // Persistent models (as in a run of many epochs): workspaces are allocated in the warm-up only.
        var groupedModel = grouped, singleModels = singles
        func loopEpoch() {
            for g in 0..<G {
                var trainer = Trainer<LSTMRegressor<S>, Adam<S>>(configuration: config, optimizer: Adam<S>(learningRate: 1e-3))
                _ = try? trainer.fit(&singleModels[g], inputs: ex[g], targets: ey[g])
            }
        }
        let epochs = interleavedMedians([{
            _ = try? GroupedTrainer(configuration: config, optimizer: Adam<S>(learningRate: 1e-3))
                .fit(&groupedModel, inputs: ex, targets: ey)
        }, loopEpoch] + (threads > 1 ? [{ BLAS.withThreads(1) { loopEpoch() } }] : []))
        let groupedTrainer = epochs[0] / Double(stepsPerEpoch), loopTrainer = epochs[1] / Double(stepsPerEpoch)
        let loopTrainerOneThread = (threads > 1 ? epochs[2] : epochs[1]) / Double(stepsPerEpoch)
        if sink.isNaN { print("") } // keep the results alive
        return Result(groupedStep: groupedStep * 1e3, loopStep: loopStep * 1e3, loopOneThread: loopOneThread * 1e3,
                      groupedTrainer: groupedTrainer * 1e3, loopTrainer: loopTrainer * 1e3,
                      loopTrainerOneThread: loopTrainerOneThread * 1e3)
    }

    /// Median wall times of each body over `repeats` rounds after one warm-up; every round runs
    /// all bodies, rotating which goes first, so load from other processes hits them alike.
    func interleavedMedians(_ bodies: [() -> Void]) -> [Double] {
        for body in bodies { body() }
        var samples = [[Double]](repeating: [], count: bodies.count)
        for round in 0..<repeats {
            for j in 0..<bodies.count {
                let k = (j + round) % bodies.count
                let start = DispatchTime.now().uptimeNanoseconds
                bodies[k]()
                samples[k].append(Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
            }
        }
        return samples.map { v in
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
    }
}

private func parsedList(_ text: String) -> [Int] {
    text.split(separator: ",").map { Int($0.filter { $0 != " " }) ?? 0 }
}

private func round3(_ v: Double) -> String { "\((v * 1000).rounded() / 1000)" }

private extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
