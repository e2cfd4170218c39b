// ols-bench: timing of LinearRegression against a bare LAPACKE_dgels call and of batched
// cross-sectional fits. Usage: ols-bench [fit N P] [cross T N K [never]] [one N K] [refine N P] [reps R]
import CBLAS
import Dispatch
import Foundation
import Tensors

KernelRepair.reexecIfNeeded() // OpenBLAS kernels for this CPU (Docs/Hardware.md)

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func median(_ x: [Double]) -> Double { let s = x.sorted(); return s[s.count / 2] }

/// Deterministic pseudo-normal data (xorshift + Box–Muller) so runs are comparable.
struct Generator {
    var state: UInt64
    mutating func uniform() -> Double {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return (Double(state >> 11) + 0.5) / 9007199254740992.0
    }
    mutating func normal() -> Double {
        (-2 * Foundation.log(uniform())).squareRoot() * Foundation.cos(2 * Double.pi * uniform())
    }
}

var args = Array(CommandLine.arguments.dropFirst())
var reps = 7
if let i = args.firstIndex(of: "reps"), i + 1 < args.count { reps = Int(args[i + 1])!; args.removeSubrange(i...(i + 1)) }
let mode = args.first ?? "fit"
let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first ?? "?"
print("load \(load), BLAS threads \(BLAS.threads), reps \(reps) (median reported)")
print("CPU \(BLAS.kernelReport.cpu.modelName), OpenBLAS core \(BLAS.coreName)")

if mode == "fit" {
    let n = args.count > 1 ? Int(args[1])! : 100_000, p = args.count > 2 ? Int(args[2])! : 50
    var g = Generator(state: 0x9E3779B97F4A7C15)
    var x = [Double](repeating: 0, count: n * p)  // column-major
    for i in 0..<(n * p) { x[i] = g.normal() }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n { var s = g.normal(); for j in 0..<p { s += x[j * n + i] * Double(j % 7 - 3) * 0.1 }; y[i] = s }
    let design = try RegressionDesign(rows: n, names: (0..<p).map { "x\($0)" }, columnMajor: x)
    var tDgels: [Double] = [], tCopy: [Double] = [], tFit: [Double] = [], tFitNoConst: [Double] = []
    for _ in 0..<reps {
        var t0 = now()
        var a = x, b = y
        a.withUnsafeMutableBufferPointer { _ in }  // force the copy dgels needs (it overwrites A, b)
        b.withUnsafeMutableBufferPointer { _ in }
        tCopy.append(now() - t0)
        t0 = now()
        let info = LAPACKE_dgels(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(n), Int32(p), 1, &a, Int32(n), &b, Int32(n))
        tDgels.append(now() - t0)
        precondition(info == 0)
        t0 = now()
        let fit = try LinearRegression(intercept: false).fit(y: y, design: design)
        tFitNoConst.append(now() - t0)
        precondition(abs(fit.coefficients[0] - b[0]) < 1e-8)
        t0 = now()
        _ = try LinearRegression().fit(y: y, design: design)
        tFit.append(now() - t0)
    }
    let d = median(tDgels)
    print(String(format: "n=%d p=%d  dgels %.1f ms (+ %.1f ms to copy X,y it overwrites)", n, p, d * 1e3, median(tCopy) * 1e3))
    print(String(format: "LinearRegression.fit (no intercept, same problem) %.1f ms  ratio %.2f× dgels (%.2f× dgels+copy)",
                 median(tFitNoConst) * 1e3, median(tFitNoConst) / d, median(tFitNoConst) / (d + median(tCopy))))
    print(String(format: "LinearRegression.fit (with intercept, p+1 columns) %.1f ms  ratio %.2f×", median(tFit) * 1e3, median(tFit) / d))
} else if mode == "cross" {
    let T = args.count > 1 ? Int(args[1])! : 2500, N = args.count > 2 ? Int(args[2])! : 3000
    let k = args.count > 3 ? Int(args[3])! : 20
    var g = Generator(state: 0x1234_5678_9ABC_DEF1)
    var sections: [RegressionCrossSection] = []
    for _ in 0..<T {
        var x = [Double](repeating: 0, count: N * k)
        for i in 0..<(N * k) { x[i] = g.normal() }
        var y = [Double](repeating: 0, count: N)
        for i in 0..<N { var s = g.normal(); for j in 0..<k { s += 0.05 * Double(j) * x[j * N + i] }; y[i] = s }
        sections.append(RegressionCrossSection(y: y, design: try RegressionDesign(rows: N, names: (0..<k).map { "f\($0)" }, columnMajor: x)))
    }
    // `ols-bench cross T N K never`: the unrefined path, for a same-run comparison with the default.
    let batch = CrossSectionalRegression(model: LinearRegression(refinement: args.contains("never") ? .never : .automatic))
    var times: [Double] = []
    for _ in 0..<max(1, reps / 2) {
        let t0 = now()
        let fits = batch.fit(sections)
        times.append(now() - t0)
        precondition(fits.allSatisfy { (try? $0.get()) != nil })
    }
    let fm = CrossSectionalRegression.famaMacBeth(batch.fit(Array(sections.prefix(50))).compactMap { try? $0.get() }, lags: 3)
    print(String(format: "cross-sections T=%d N=%d k=%d (+const): %.3f s total, %.3f ms per date (Parallel.forEach, BLAS 1 thread inside)",
                 T, N, k, median(times), median(times) / Double(T) * 1e3))
    print("Fama–MacBeth (50 dates) mean f1 \(fm.meanCoefficients[2]), NW t \(fm.tValues[2])")
}

if mode == "one" {
    // Per-fit cost breakdown for one cross-section size, single-threaded.
    let N = args.count > 1 ? Int(args[1])! : 3000, k = args.count > 2 ? Int(args[2])! : 20
    var g = Generator(state: 42)
    var x = [Double](repeating: 0, count: N * k)
    for i in 0..<(N * k) { x[i] = g.normal() }
    let y = (0..<N).map { _ in g.normal() }
    let design = try RegressionDesign(rows: N, names: (0..<k).map { "f\($0)" }, columnMajor: x)
    BLAS.threads = 1
    let reps2 = 300
    var t0 = now()
    for _ in 0..<reps2 { _ = try LinearRegression().fit(y: y, design: design) }
    let tFit = (now() - t0) / Double(reps2)
    if args.contains("fitonly") { print(String(format: "fit %.3f ms", tFit * 1e3)); exit(0) }
    var full = [Double](repeating: 1, count: N * (k + 1))
    for i in 0..<(N * k) { full[N + i] = x[i] }
    var tau = [Double](repeating: 0, count: k + 1), work = [Double](repeating: 0, count: 64 * (k + 1))
    t0 = now()
    for _ in 0..<reps2 {
        var a = full
        _ = LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, Int32(N), Int32(k + 1), &a, Int32(N), &tau, &work, Int32(work.count))
    }
    let tQR = (now() - t0) / Double(reps2)
    t0 = now()
    for _ in 0..<reps2 {
        var a = full, b = y
        _ = LAPACKE_dgels(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(N), Int32(k + 1), 1, &a, Int32(N), &b, Int32(N))
    }
    let tDgels = (now() - t0) / Double(reps2)
    var tmat = [Double](repeating: 0, count: (k + 1) * (k + 1))
    t0 = now()
    for _ in 0..<reps2 {
        var a = full
        _ = LAPACKE_dgeqrt3(LAPACK_COL_MAJOR, Int32(N), Int32(k + 1), &a, Int32(N), &tmat, Int32(k + 1))
    }
    let tQRT3 = (now() - t0) / Double(reps2)
    print(String(format: "N=%d k=%d (+const), 1 thread: fit %.3f ms, dgeqrf+copy %.3f ms, dgeqrt3+copy %.3f ms, dgels+copy %.3f ms", N, k, tFit * 1e3, tQR * 1e3, tQRT3 * 1e3, tDgels * 1e3))
}

if mode == "refine" {
    // Cost of the refinement policies on well-conditioned data (where .never would be the fast
    // path): single fits of n × p, 1 BLAS thread and all threads, and a batch of cross-sections.
    let n = args.count > 1 ? Int(args[1])! : 10_000, p = args.count > 2 ? Int(args[2])! : 20
    var g = Generator(state: 0xA5A5_5A5A_1234_4321)
    var x = [Double](repeating: 0, count: n * p)
    for i in 0..<(n * p) { x[i] = g.normal() }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n { var s = g.normal(); for j in 0..<p { s += x[j * n + i] * Double(j % 5 - 2) * 0.2 }; y[i] = s }
    let design = try RegressionDesign(rows: n, names: (0..<p).map { "x\($0)" }, columnMajor: x)
    let policies: [(String, RefinementPolicy)] = [("never", .never), ("automatic", .automatic), ("always", .always)]
    for threads in [1, BLAS.threads] {
        var line = "fit n=\(n) p=\(p) (+const), BLAS threads \(threads):"
        var base = 0.0
        try BLAS.withThreads(threads) {
            for (name, policy) in policies {
                var t: [Double] = []
                for _ in 0..<reps {
                    let t0 = now()
                    _ = try LinearRegression(refinement: policy).fit(y: y, design: design)
                    t.append(now() - t0)
                }
                let m = median(t)
                if policy == .never { base = m }
                line += String(format: "  %@ %.2f ms (%.2f×)", name, m * 1e3, m / base)
            }
        }
        print(line)
    }
    // Cross-sections: T dates of N × k (the batch's Gram fast path with and without refinement).
    let T = 500, N = 1000, k = 10
    var sections: [RegressionCrossSection] = []
    for _ in 0..<T {
        var xs = [Double](repeating: 0, count: N * k)
        for i in 0..<(N * k) { xs[i] = g.normal() }
        let ys = (0..<N).map { i in g.normal() + 0.1 * xs[i] }
        sections.append(RegressionCrossSection(y: ys, design: try RegressionDesign(rows: N, names: (0..<k).map { "f\($0)" }, columnMajor: xs)))
    }
    var line = "cross-sections T=\(T) N=\(N) k=\(k) (+const), \(BLAS.threads) threads:"
    var base = 0.0
    for (name, policy) in policies {
        let batch = CrossSectionalRegression(model: LinearRegression(refinement: policy))
        var t: [Double] = []
        for _ in 0..<max(1, reps / 2) { let t0 = now(); _ = batch.fit(sections); t.append(now() - t0) }
        let m = median(t)
        if policy == .never { base = m }
        line += String(format: "  %@ %.1f ms (%.2f×)", name, m * 1e3, m / base)
    }
    print(line)
    // Rolling windows (updating: Gram + per-window refinement).
    let rollN = 5000, W = 250
    let rollDesign = try RegressionDesign(rows: rollN, names: (0..<5).map { "r\($0)" }, columnMajor: Array(x.prefix(rollN * 5)))
    var tr: [Double] = []
    for _ in 0..<reps { let t0 = now(); _ = try RollingRegression(window: W).fit(y: Array(y.prefix(rollN)), design: rollDesign); tr.append(now() - t0) }
    var tq: [Double] = []
    for _ in 0..<max(1, reps / 2) {
        let t0 = now()
        _ = try RollingRegression(window: W, method: .refit).fit(y: Array(y.prefix(rollN)), design: rollDesign)
        tq.append(now() - t0)
    }
    print(String(format: "rolling n=%d W=%d p=5 (+const): updating with refinement %.1f ms (%.1f µs per window), refit (QR per window) %.1f ms",
                 rollN, W, median(tr) * 1e3, median(tr) / Double(rollN - W + 1) * 1e6, median(tq) * 1e3))
}
