import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Tensors

/// Times the LSTM (inference forward, training forward, backward) and the GEMM floor of one
/// training step on the NOTES grid; the timed step matches /work/shared/bench/torch_lstm_bench.py:
/// LSTM → Linear(H, 1) on the last step → MSE, backward through everything (input needs no grad).
struct LSTMTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm",
        abstract: "Times LSTM inference, training forward, backward and the GEMM floor (median ms).")

    @Option(help: "Batch size (with --seq --input --hidden [--layers]: a single point instead of the grid).")
    var batch: Int?
    @Option(help: "Sequence length.") var seq: Int?
    @Option(help: "Input features.") var input: Int?
    @Option(help: "Hidden size.") var hidden: Int?
    @Option(help: "Layers.") var layers: Int = 1
    @Option(help: "BLAS / LSTM thread counts, comma-separated (e.g. 1,2,4,8,16).") var threads: String = "1"
    @Option(help: "Threading plan: auto, blas, split[:parts] or hybrid[:parts] (LSTMPlanner).") var plan: String = "auto"
    @Option(help: "float or double.") var dtype: String = "float"
    @Option(help: "Minimum seconds of repeats per measurement.") var minTime: Double = 1.0
    @Flag(help: "Print a JSON array of records.") var json = false

    static let grid: [(Int, Int, Int, Int, Int)] = [
        (64, 20, 10, 32, 1), (64, 60, 10, 64, 1), (256, 60, 16, 128, 1),
        (256, 60, 32, 256, 2), (128, 100, 64, 512, 1), (32, 250, 11, 64, 1),
    ]

    func validate() throws {
        guard dtype == "float" || dtype == "double" else { throw ValidationError("--dtype must be float or double") }
        guard let list = threadList, !list.isEmpty, list.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--threads must be comma-separated positive integers, got '\(threads)'")
        }
        do { _ = try LSTMPlanOverride.parse(plan) } catch { throw ValidationError(error.description) }
        let given = [batch, seq, input, hidden].compactMap { $0 }
        guard given.isEmpty || given.count == 4 else {
            throw ValidationError("give all of --batch --seq --input --hidden, or none for the grid")
        }
        guard given.allSatisfy({ $0 >= 1 }), layers >= 1 else { throw ValidationError("sizes must be ≥ 1") }
    }

    var threadList: [Int]? {
        let items = threads.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return items.contains(where: { $0 == nil }) ? nil : items.map { $0! }
    }

    func run() throws {
        let counts = threadList!
        let forced = try LSTMPlanOverride.parse(plan)
        LSTMPlanner.forcedPlan = forced
        let report = BLAS.kernelReport
        let points = batch.map { [($0, seq!, input!, hidden!, layers)] } ?? Self.grid
        var records: [String] = []
        if !json {
            print("\(report.cpu.modelName.isEmpty ? report.cpu.vendor : report.cpu.modelName); OpenBLAS core "
                  + "\(report.openBLASCore); load \(loadAverage()); dtype \(dtype), plan \(plan); median ms over ≥ \(minTime) s")
            print("B/T/I/H/L        thr     infer   forward  backward      step     floor  step/floor  ×1 thread  GFLOP/s  plan")
        }
        for p in points {
            var oneThreadStep: Double?
            for t in counts {
                BLAS.threads = t
                let r = dtype == "float" ? measure(Float.self, p, threads: t) : measure(Double.self, p, threads: t)
                if t == 1 { oneThreadStep = r.step }
                let speedup = oneThreadStep.map { $0 / r.step }
                let label = "\(p.0)/\(p.1)/\(p.2)/\(p.3)/\(p.4)"
                if json {
                    records.append("""
                    {"batch": \(p.0), "seq": \(p.1), "input": \(p.2), "hidden": \(p.3), "layers": \(p.4), \
                    "threads": \(t), "dtype": "\(dtype)", "plan": "\(r.plan)", "infer_ms": \(fmt(r.infer)), \
                    "forward_ms": \(fmt(r.forward)), "backward_ms": \(fmt(r.backward)), "step_ms": \(fmt(r.step)), \
                    "floor_ms": \(fmt(r.floor)), "step_over_floor": \(fmt(r.step / r.floor)), \
                    "speedup_vs_1_thread": \(speedup.map(fmt) ?? "null"), "gflops": \(fmt(r.gflops)), \
                    "load": "\(loadAverage())", "kernels": \(report.json)}
                    """)
                } else {
                    print(label.padding(16) + "\(t)".leftPad(4) + [r.infer, r.forward, r.backward, r.step, r.floor].map { fmt($0).leftPad(10) }.joined()
                          + fmt(r.step / r.floor).leftPad(12) + (speedup.map { fmt($0) + "×" } ?? "–").leftPad(11)
                          + fmt(r.gflops).leftPad(9) + "  " + r.plan)
                }
            }
        }
        if json { print("[\n" + records.joined(separator: ",\n") + "\n]") }
    }

    struct Result { var infer, forward, backward, step, floor, gflops: Double; var plan: String }

    func measure<S: TensorScalar>(_: S.Type, _ p: (Int, Int, Int, Int, Int), threads: Int) -> Result {
        let (B, T, I, H, L) = p
        var lstm = LSTM<S>(inputSize: I, hiddenSize: H, layers: L, seed: 1)
        let x = Tensor<S>(shape: [B, T, I], generating: { i in S(sin(Double(i) * 0.37)) })
        let y = (0..<B).map { i in S(cos(Double(i) * 0.11)) }
        let bound = 1 / Double(H).squareRoot()
        let headW = (0..<H).map { j in S(bound * sin(Double(j) * 1.7)) }
        var headB = S(0.01)

        // One training step, marked after the forward (incl. head and loss) and after the backward.
        var gradSink = S(0)
        func trainingStep(_ mark: () -> Void) {
            let out = lstm.forwardTraining(x)
            // Linear(H, 1) on the last step (= h_n of the top layer) and MSE.
            let hn = out.state.h.scalars
            let top = (L - 1) * B * H
            var dPred = [S](repeating: 0, count: B)
            for b in 0..<B {
                var pred = headB
                for j in 0..<H { pred += hn[top + b * H + j] * headW[j] }
                dPred[b] = 2 * (pred - y[b]) / S(B)
            }
            mark()
            var dH = [S](repeating: 0, count: L * B * H)
            var dW = [S](repeating: 0, count: H)
            var dB = S(0)
            for b in 0..<B {
                dB += dPred[b]
                for j in 0..<H {
                    dW[j] += dPred[b] * hn[top + b * H + j]
                    dH[top + b * H + j] = dPred[b] * headW[j]
                }
            }
            let finalGrad = LSTMState(h: Tensor(shape: [L, B, H], scalars: dH), c: .zeros([L, B, H]))
            let g = lstm.backward(outputGradient: nil, finalStateGradient: finalGrad, computingInputGradient: false)
            gradSink += g.parameters[0].scalars[0] + dW[0] + dB
            mark()
        }
        // At 1 thread the phases are interleaved (inference, forward, backward, floor in every
        // round) so that load from other processes hits all columns alike. With more threads the
        // floor runs afterwards: OpenBLAS's workers keep spinning for a while after each call and
        // would steal the core from the LSTM's own threads in the next phase.
        var t: [Double]
        if threads == 1 {
            t = timeMedian(phases: 4) { mark in
                _ = lstm(x)
                mark()
                trainingStep(mark)
                gemmFloor(S.self, B: B, T: T, I: I, H: H, L: L, threads: threads)
                mark()
            }
        } else {
            t = timeMedian(phases: 3) { mark in
                _ = lstm(x)
                mark()
                trainingStep(mark)
            }
            t += timeMedian(phases: 1) { mark in
                gemmFloor(S.self, B: B, T: T, I: I, H: H, L: L, threads: threads)
                mark()
            }
        }
        headB += gradSink * 0 // keep the sink alive
        var flops = 0.0
        for l in 0..<L { flops += 2 * 4 * Double(H) * Double((l == 0 ? I : H) + H) * Double(B * T) }
        let step = t[1] + t[2]
        BLAS.threads = threads
        return Result(infer: t[0] * 1e3, forward: t[1] * 1e3, backward: t[2] * 1e3, step: step * 1e3,
                      floor: t[3] * 1e3, gflops: 3 * flops / step / 1e9, plan: lstm.plan(batch: B, steps: T).description)
    }

    /// Median seconds of each of `phases` consecutive phases of `body` (a phase ends at each
    /// `mark()`), after two warm-up rounds; rounds repeat until every phase has accumulated
    /// `minTime` seconds and at least 5 samples (total capped at 60·`minTime`).
    func timeMedian(phases: Int, _ body: (_ mark: () -> Void) -> Void) -> [Double] {
        var samples = [[Double]](repeating: [], count: phases)
        var totals = [Double](repeating: 0, count: phases)
        var last: UInt64 = 0
        var phase = 0
        var recording = false
        let mark = {
            let now = DispatchTime.now().uptimeNanoseconds
            let dt = Double(now - last) * 1e-9
            if recording {
                samples[phase].append(dt)
                totals[phase] += dt
            }
            last = now
            phase += 1
        }
        for _ in 0..<2 { phase = 0; last = DispatchTime.now().uptimeNanoseconds; body(mark) }
        recording = true
        var rounds = 0
        while rounds < 5 || totals.contains(where: { $0 < minTime }) {
            phase = 0
            last = DispatchTime.now().uptimeNanoseconds
            body(mark)
            rounds += 1
            if rounds >= 5 && totals.reduce(0, +) > 60 * minTime { break } // cap very uneven phases
        }
        return samples.map { s in
            let v = s.sorted()
            return v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2
        }
    }
}

/// Exactly the BLAS calls of one training step (hoisted design), as /work/shared/bench/gemm_floor.c,
/// on buffers allocated once per shape.
final class GEMMFloorBuffers<S: TensorScalar> {
    let x, wih, whh, gx, h, dG, hp, dWhh, dWih, dX, dh: UnsafeMutablePointer<S>
    init(TB: Int, I: Int, H: Int, B: Int) {
        func buf(_ n: Int) -> UnsafeMutablePointer<S> {
            let p = UnsafeMutablePointer<S>.allocate(capacity: n)
            for i in 0..<n { p[i] = S((Double((i * 7919) % 1000) - 500) * 1e-4) }
            return p
        }
        x = buf(TB * I); wih = buf(4 * H * I); whh = buf(4 * H * H); gx = buf(TB * 4 * H); h = buf(B * H)
        dG = buf(TB * 4 * H); hp = buf(TB * H); dWhh = buf(4 * H * H); dWih = buf(4 * H * I); dX = buf(TB * I); dh = buf(B * H)
    }
    deinit { for p in [x, wih, whh, gx, h, dG, hp, dWhh, dWih, dX, dh] { p.deallocate() } }
}

nonisolated(unsafe) private var floorCache: [String: AnyObject] = [:] // single-threaded benchmark driver

func gemmFloor<S: TensorScalar>(_: S.Type, B: Int, T: Int, I: Int, H: Int, L: Int, threads: Int) {
    // The floor uses OpenBLAS's own threading, like gemm_floor.c.
    if BLAS.threads != threads { BLAS.threads = threads }
    let TB = T * B
    for l in 0..<L {
        let il = l == 0 ? I : H
        let key = "\(S.self)/\(TB)/\(il)/\(H)/\(B)"
        let f = (floorCache[key] as? GEMMFloorBuffers<S>) ?? GEMMFloorBuffers<S>(TB: TB, I: il, H: H, B: B)
        floorCache[key] = f
        S.blasGemm(.none, .transpose, m: TB, n: 4 * H, k: il, alpha: 1, a: f.x, lda: il, b: f.wih, ldb: il,
                   beta: 0, c: f.gx, ldc: 4 * H)
        for t in 0..<T {
            S.blasGemm(.none, .transpose, m: B, n: 4 * H, k: H, alpha: 1, a: f.h, lda: H, b: f.whh, ldb: H,
                       beta: 1, c: f.gx + t * B * 4 * H, ldc: 4 * H)
        }
        for t in stride(from: T - 1, through: 0, by: -1) {
            S.blasGemm(.none, .none, m: B, n: H, k: 4 * H, alpha: 1, a: f.dG + t * B * 4 * H, lda: 4 * H,
                       b: f.whh, ldb: H, beta: 0, c: f.dh, ldc: H)
        }
        S.blasGemm(.transpose, .none, m: 4 * H, n: H, k: TB, alpha: 1, a: f.dG, lda: 4 * H, b: f.hp, ldb: H,
                   beta: 0, c: f.dWhh, ldc: H)
        S.blasGemm(.transpose, .none, m: 4 * H, n: il, k: TB, alpha: 1, a: f.dG, lda: 4 * H, b: f.x, ldb: il,
                   beta: 0, c: f.dWih, ldc: il)
        if l > 0 {
            S.blasGemm(.none, .none, m: TB, n: il, k: 4 * H, alpha: 1, a: f.dG, lda: 4 * H, b: f.wih, ldb: il,
                       beta: 0, c: f.dX, ldc: il)
        }
    }
}

private func fmt(_ v: Double) -> String {
    let r = (v * 1000).rounded() / 1000
    return "\(r)"
}

private extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

