import ArgumentParser
import CBLAS
#if canImport(Glibc)
import Glibc
#endif
import Tensors

/// `lstm-bench gemm`: GFLOP/s of FactorLab's GEMM wrappers against raw cblas calls.
struct GEMMTiming: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "GFLOP/s of single and batched GEMM (FactorLab wrappers against raw cblas loops).",
        discussion: """
        Each point: one warm-up, then --repeats timed repeats of enough iterations to fill \
        --min-time seconds in total; the median repeat is reported. Run with -c release.
        """)

    @Flag(help: "Print a JSON array of records instead of a table.")
    var json = false

    @Option(help: "Thread count (BLAS.threads); default: 1 and 2.")
    var threads: Int?

    @Option(help: "Minimum total timed seconds per point.")
    var minTime = 0.5

    @Option(help: "Timed repeats per point (the median is reported).")
    var repeats = 5

    @Flag(help: "Also sweep square batched sizes (split vs sequential) to locate the split threshold.")
    var sweep = false

    @Flag(help: "Also time an sgemm 512³ with subnormal products, with and without flush-to-zero.")
    var denormals = false

    mutating func run() throws {
        let threadCounts = threads.map { [$0] } ?? [1, 2]
        var records = [GEMMRecord]()
        let asJSON = json
        func emit(_ record: GEMMRecord) {
            records.append(record)
            if !asJSON { print(record.tableRow) }
        }
        if !json {
            let k = BLAS.kernelReport
            print("\(k.cpu.modelName.isEmpty ? k.cpu.vendor : k.cpu.modelName); OpenBLAS core \(k.openBLASCore)")
        }
        if !json { print(GEMMRecord.tableHeader) }
        let timer = PointTimer(minTime: minTime, repeats: repeats)
        for count in threadCounts {
            BLAS.withThreads(count) {
                runSingle(Float.self, timer: timer, emit: emit)
                runSingle(Double.self, timer: timer, emit: emit)
                runBatched(Float.self, timer: timer, emit: emit)
                runBatched(Double.self, timer: timer, emit: emit)
                if sweep {
                    runSweep(Float.self, timer: timer, emit: emit)
                    runSweep(Double.self, timer: timer, emit: emit)
                }
                if denormals { runDenormals(timer: timer, emit: emit) }
            }
        }
        if json { print("[\n" + records.map { "  " + $0.json }.joined(separator: ",\n") + "\n]") }
    }
}

// MARK: - Points

extension GEMMTiming {
    func runSingle<S: TensorScalar>(_: S.Type, timer: PointTimer, emit: (GEMMRecord) -> Void) {
        for (m, n, k) in [(256, 256, 256), (1024, 1024, 1024), (64, 1024, 384)] {
            let a = Tensor<S>.uniform([m, k], low: -1, high: 1, seed: 1)
            let b = Tensor<S>.uniform([k, n], low: -1, high: 1, seed: 2)
            var c = Tensor<S>.zeros([m, n])
            let flops = 2.0 * Double(m * n * k)
            var rawC = Tensor<S>.zeros([m, n])
            let times = timer.compare([
                {
                    a.withUnsafeBufferPointer { pa in
                        b.withUnsafeBufferPointer { pb in
                            rawC.withUnsafeMutableBufferPointer { pc in
                                rawGEMM(m: m, n: n, k: k, a: pa.baseAddress!, b: pb.baseAddress!, c: pc.baseAddress!)
                            }
                        }
                    }
                },
                { BLAS.gemm(a, b, into: &c) },
            ])
            let shape = "\(m)x\(n)x\(k)"
            emit(GEMMRecord(kind: "gemm", implementation: "raw cblas", dtype: S.dtypeName, shape: shape, batch: 1,
                            sample: times[0], flops: flops))
            emit(GEMMRecord(kind: "gemm", implementation: "BLAS.gemm", dtype: S.dtypeName, shape: shape, batch: 1,
                            sample: times[1], flops: flops, baseline: times[0]))
        }
    }

    func runBatched<S: TensorScalar>(_: S.Type, timer: PointTimer, emit: (GEMMRecord) -> Void) {
        for (batch, size) in [(1000, 32), (256, 64), (10_000, 8)] {
            batchedPoint(S.self, batch: batch, m: size, n: size, k: size, timer: timer, emit: emit,
                         strategies: [.automatic, .sequential, .splitBatch], sharedB: false)
            batchedPoint(S.self, batch: batch, m: size, n: size, k: size, timer: timer, emit: emit,
                         strategies: [.automatic], sharedB: true)
        }
    }

    /// Square items around OpenBLAS's own threading threshold (m·n·k = 262 144 = 64³),
    /// about 0.5 GFLOP of work per batch.
    func runSweep<S: TensorScalar>(_: S.Type, timer: PointTimer, emit: (GEMMRecord) -> Void) {
        for size in [8, 12, 16, 20, 24, 32, 48, 64, 96, 128, 192, 256] {
            let batch = max(4, Int(2.5e8 / Double(2 * size * size * size)))
            batchedPoint(S.self, batch: batch, m: size, n: size, k: size, timer: timer, emit: emit,
                         strategies: [.sequential, .splitBatch], sharedB: false, kind: "sweep")
        }
    }

    func batchedPoint<S: TensorScalar>(
        _: S.Type, batch: Int, m: Int, n: Int, k: Int, timer: PointTimer, emit: (GEMMRecord) -> Void,
        strategies: [BatchedGEMMStrategy], sharedB: Bool, kind: String = "batched"
    ) {
        let a = Tensor<S>.uniform([batch, m, k], low: -1, high: 1, seed: 3)
        let b = Tensor<S>.uniform(sharedB ? [k, n] : [batch, k, n], low: -1, high: 1, seed: 4)
        var c = Tensor<S>.zeros([batch, m, n])
        let flops = 2.0 * Double(m * n * k * batch)
        let strideB = sharedB ? 0 : k * n
        var rawC = Tensor<S>.zeros([batch, m, n])
        let loop: () -> Void = {
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    rawC.withUnsafeMutableBufferPointer { pc in
                        for i in 0..<batch {
                            rawGEMM(m: m, n: n, k: k, a: pa.baseAddress! + i * m * k,
                                    b: pb.baseAddress! + i * strideB, c: pc.baseAddress! + i * m * n)
                        }
                    }
                }
            }
        }
        let times = timer.compare([loop] + strategies.map { strategy in
            { BLAS.batchedGEMM(a, b, into: &c, strategy: strategy) }
        })
        let shape = "\(m)x\(n)x\(k)" + (sharedB ? " shared B" : "")
        emit(GEMMRecord(kind: kind, implementation: "cblas loop", dtype: S.dtypeName, shape: shape, batch: batch,
                        sample: times[0], flops: flops))
        for (index, strategy) in strategies.enumerated() {
            emit(GEMMRecord(kind: kind, implementation: "batched \(strategy)", dtype: S.dtypeName, shape: shape,
                            batch: batch, sample: times[index + 1], flops: flops, baseline: times[0]))
        }
    }

    /// sgemm 512³ with products ≈ 1e-42 (subnormal), IEEE default against flush-to-zero.
    func runDenormals(timer: PointTimer, emit: (GEMMRecord) -> Void) {
        let n = 512
        let a = Tensor<Float>.filled([n, n], with: 1e-20), b = Tensor<Float>.filled([n, n], with: 1e-22)
        let normalA = Tensor<Float>.uniform([n, n], low: 0.5, high: 1.5, seed: 5)
        var c = Tensor<Float>.zeros([n, n])
        let flops = 2.0 * Double(n * n * n)
        let ieee = timer.compare([{ BLAS.gemm(normalA, normalA, into: &c) }, { BLAS.gemm(a, b, into: &c) }])
        let flushed = FloatingPointEnvironment.withFlushToZero { timer.compare([{ BLAS.gemm(a, b, into: &c) }]) }
        for (name, sample) in [("normal inputs", ieee[0]), ("subnormal products", ieee[1]),
                               ("subnormal products, FTZ", flushed[0])] {
            emit(GEMMRecord(kind: "denormal", implementation: name, dtype: "F32", shape: "512x512x512", batch: 1,
                            sample: sample, flops: flops, baseline: ieee[0]))
        }
    }
}

/// The raw cblas call for the scalar type (no FactorLab code in between).
@inline(__always)
func rawGEMM<S: TensorScalar>(m: Int, n: Int, k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>, c: UnsafeMutablePointer<S>) {
    if S.self == Float.self {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                    UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), Int32(k),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), Int32(n), 0,
                    UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), Int32(n))
    } else {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                    UnsafeRawPointer(a).assumingMemoryBound(to: Double.self), Int32(k),
                    UnsafeRawPointer(b).assumingMemoryBound(to: Double.self), Int32(n), 0,
                    UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self), Int32(n))
    }
}

// MARK: - Timing and records

/// Median-of-repeats timing with calibrated iteration counts. Implementations of one
/// point are timed interleaved (repeat r of each, then r + 1), so that load changes on
/// a shared machine hit all of them alike; the minimum is kept as well.
struct PointTimer {
    let minTime: Double
    let repeats: Int

    struct Sample { var median: Double; var best: Double }

    /// Seconds per call of each body: warm-up, calibration, then `repeats` interleaved repeats.
    func compare(_ bodies: [() -> Void]) -> [Sample] {
        let iterations = bodies.map { calibrate($0) }
        var samples = Array(repeating: [Double](), count: bodies.count)
        for _ in 0..<repeats {
            for (i, body) in bodies.enumerated() {
                samples[i].append(measure(iterations[i], body) / Double(iterations[i]))
            }
        }
        return samples.map { values in
            let sorted = values.sorted()
            return Sample(median: sorted[sorted.count / 2], best: sorted[0])
        }
    }

    private func calibrate(_ body: () -> Void) -> Int {
        body()
        var iterations = 1
        while true {
            let t = measure(iterations, body)
            if t >= 0.02 || iterations >= 1 << 20 {
                let perRepeat = max(minTime / Double(repeats), t)
                return max(1, Int(Double(iterations) * perRepeat / max(t, 1e-9)))
            }
            iterations *= 4
        }
    }

    private func measure(_ iterations: Int, _ body: () -> Void) -> Double {
        let start = now()
        for _ in 0..<iterations { body() }
        return now() - start
    }
}

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}

/// The 1-minute load average (`/proc/loadavg`), or NaN.
func loadAverage() -> Double {
    guard let file = fopen("/proc/loadavg", "r") else { return .nan }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 128)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return .nan }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return line.split(separator: " ").first.flatMap { Double($0) } ?? .nan
}

struct GEMMRecord {
    let kind: String, implementation: String, dtype: String, shape: String
    let batch: Int, threads: Int, seconds: Double, best: Double, gflops: Double
    let relative: Double?, relativeBest: Double?, load: Double

    /// `baseline`: the reference implementation of the same point (speed-up = baseline / this).
    init(kind: String, implementation: String, dtype: String, shape: String, batch: Int,
         sample: PointTimer.Sample, flops: Double, baseline: PointTimer.Sample? = nil) {
        self.kind = kind; self.implementation = implementation; self.dtype = dtype; self.shape = shape
        self.batch = batch; self.threads = BLAS.threads; self.seconds = sample.median; self.best = sample.best
        self.gflops = flops / sample.median / 1e9
        self.relative = baseline.map { $0.median / sample.median }
        self.relativeBest = baseline.map { $0.best / sample.best }
        self.load = loadAverage()
    }

    static let tableHeader = pad("kind", 9) + pad("implementation", 24) + pad("dtype", 6) + pad("shape", 22)
        + pad("batch", 7) + pad("thr", 4) + pad("median ms", 11) + pad("GFLOP/s", 9) + pad("speed-up", 9)
        + pad("(best)", 8) + "load"

    var tableRow: String {
        GEMMRecord.pad(kind, 9) + GEMMRecord.pad(implementation, 24) + GEMMRecord.pad(dtype, 6)
            + GEMMRecord.pad(shape, 22) + GEMMRecord.pad("\(batch)", 7) + GEMMRecord.pad("\(threads)", 4)
            + GEMMRecord.pad(format(seconds * 1e3, 4), 11) + GEMMRecord.pad(format(gflops, 1), 9)
            + GEMMRecord.pad(relative.map { format($0, 2) + "x" } ?? "", 9)
            + GEMMRecord.pad(relativeBest.map { format($0, 2) + "x" } ?? "", 8) + format(load, 2)
    }

    var json: String {
        "{\"kind\": \"\(kind)\", \"implementation\": \"\(implementation)\", \"dtype\": \"\(dtype)\", "
            + "\"shape\": \"\(shape)\", \"batch\": \(batch), \"threads\": \(threads), "
            + "\"median_ms\": \(format(seconds * 1e3, 6)), \"best_ms\": \(format(best * 1e3, 6)), "
            + "\"gflops\": \(format(gflops, 3)), "
            + "\"speedup_vs_baseline\": \(relative.map { format($0, 3) } ?? "null"), "
            + "\"speedup_vs_baseline_best\": \(relativeBest.map { format($0, 3) } ?? "null"), "
            + "\"load\": \(format(load, 2)), \"kernels\": \(BLAS.kernelReport.json)}"
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}

func format(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite else { return "null" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) - 1 > decimals {
        text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
    }
    return text
}
