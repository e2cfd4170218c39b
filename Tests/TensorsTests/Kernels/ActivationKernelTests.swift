import Foundation
import Testing
@testable import Tensors

/// The vectorised activations against Foundation (glibc) math, with the bounds of Docs/Kernels.md.
@Suite("Activation kernels")
struct ActivationKernelTests {
    /// A dense grid on [−20, 20] plus points near the approximation breakpoints.
    static func grid(_ n: Int = 200_001) -> [Double] {
        let breakpoints: [Double] = [7.9053, -7.9053, 7.906, 0.0004, -0.0004, 0.00039, 0.3466, 0.3467, 22, -22, 21.9]
        let step = 40 / Double(n - 1)
        var xs: [Double] = (0..<n).map { (k: Int) -> Double in -20 + step * Double(k) }
        xs.append(contentsOf: breakpoints)
        return xs
    }

    func apply<S: TensorScalar>(_ x: [S], _ f: (Int, UnsafePointer<S>, UnsafeMutablePointer<S>) -> Void) -> [S] {
        var y = [S](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { f(x.count, xp.baseAddress!, $0.baseAddress!) } }
        return y
    }

    @Test("Float sigmoid ≤ 2e-7 relative, tanh ≤ 3e-7 relative on [−20, 20]")
    func floatAccuracy() {
        let xs = Self.grid().map { Float($0) }
        let s = apply(xs, Float.kernelSigmoid), t = apply(xs, Float.kernelTanh)
        var es = 0.0, et = 0.0
        for (k, x) in xs.enumerated() {
            let rs = 1 / (1 + Foundation.exp(-Double(x))), rt = Foundation.tanh(Double(x))
            es = max(es, abs(Double(s[k]) - rs) / rs)
            if rt != 0 { et = max(et, abs(Double(t[k]) - rt) / abs(rt)) }
        }
        #expect(es <= 2e-7, "sigmoid max relative error \(es)")
        #expect(et <= 3e-7, "tanh max relative error \(et)")
        #expect(es > 0 && et > 0, "an approximation is never exact everywhere: the comparison must be live")
    }

    @Test("Double sigmoid and tanh ≤ 4 ulp relative on [−20, 20] and for tiny |x|")
    func doubleAccuracy() {
        let tiny: [Double] = (0..<2000).map { (k: Int) -> Double in
            let magnitude = Foundation.scalbn(1 + Double(k % 100) / 100, -(k % 60))
            return k % 2 == 0 ? magnitude : -magnitude
        }
        let xs = Self.grid() + tiny
        let s = apply(xs, Double.kernelSigmoid), t = apply(xs, Double.kernelTanh)
        var es = 0.0, et = 0.0
        for (k, x) in xs.enumerated() {
            let rs = 1 / (1 + Foundation.exp(-x)), rt = Foundation.tanh(x)
            es = max(es, abs(s[k] - rs) / rs)
            if rt != 0 { et = max(et, abs(t[k] - rt) / abs(rt)) }
        }
        #expect(es <= 4 * Double.ulpOfOne, "sigmoid max relative error \(es)")
        #expect(et <= 4 * Double.ulpOfOne, "tanh max relative error \(et)")
    }

    @Test("special values: ±100, ±0, ±∞, NaN, subnormals")
    func specials() {
        func check<S: TensorScalar>(_: S.Type, subnormal: S) {
            let xs: [S] = [100, -100, 0, -0.0, .infinity, -.infinity, .nan, subnormal, -subnormal, 1000, -1000]
            let s = apply(xs, S.kernelSigmoid), t = apply(xs, S.kernelTanh)
            #expect(s[0] == 1 && s[1] >= 0 && s[1] < 1e-37, "\(S.self) σ(±100): \(s[0]) \(s[1])")
            #expect(t[0] == 1 && t[1] == -1, "\(S.self) tanh(±100)")
            #expect(s[2] == 0.5 && s[3] == 0.5)
            #expect(t[2] == 0 && t[2].sign == .plus && t[3] == 0 && t[3].sign == .minus, "tanh keeps the sign of zero")
            #expect(s[4] == 1 && s[5] >= 0 && s[5] < 1e-37 && t[4] == 1 && t[5] == -1, "\(S.self) ±∞")
            #expect(s[6].isNaN && t[6].isNaN, "NaN propagates")
            #expect(t[7] == subnormal && t[8] == -subnormal && s[7] == 0.5 && s[8] == 0.5, "\(S.self) subnormals")
            #expect(s[9] == 1 && t[9] == 1 && t[10] == -1 && s[10].isFinite && s[10] >= 0, "\(S.self) ±1000")
            #expect(s.allSatisfy { $0.isNaN || ($0 >= 0 && $0 <= 1) } && t.allSatisfy { $0.isNaN || abs($0) <= 1 })
        }
        check(Float.self, subnormal: Float.leastNormalMagnitude / 8)
        check(Double.self, subnormal: Double.leastNormalMagnitude / 8)
    }

    @Test("Tensor wrappers: sigmoid, tanh, add, multiply, multiply-add (incl. strided views)")
    func tensorWrappers() {
        let a = Tensor<Double>(shape: [3, 4], generating: { Double($0) * 0.25 - 1 })
        let b = Tensor<Double>(shape: [4, 3], generating: { Double($0) * 0.5 + 1 }).transposed() // strided [3, 4]
        #expect(zip(a.sigmoid().scalars, a.scalars).allSatisfy { (y: Double, x: Double) in abs(y - 1 / (1 + Foundation.exp(-x))) < 1e-15 })
        #expect(zip(b.tanh().scalars, b.scalars).allSatisfy { (y: Double, x: Double) in abs(y - Foundation.tanh(x)) < 1e-15 })
        var y = a
        y.addInPlace(b)
        #expect(y.scalars == zip(a.scalars, b.scalars).map(+))
        y = a
        y.multiplyInPlace(b)
        #expect(y.scalars == zip(a.scalars, b.scalars).map(*))
        y = a
        y.addProductInPlace(a, b)
        #expect(y.scalars == zip(a.scalars, b.scalars).map { $0 + $0 * $1 })
        #expect(a.scalars[0] == -1, "copy-on-write: the source is untouched")
    }
}

/// The fused LSTM kernels against the same equations written out in Swift.
@Suite("LSTM cell kernels")
struct LSTMCellKernelTests {
    @Test("forward and backward pointwise steps match the scalar equations", arguments: [1, 7, 33, 300])
    func fused(hidden H: Int) {
        let rows = 3
        var rng = SplitMix64(state: UInt64(H))
        func r(_ n: Int, _ s: Double = 3) -> [Double] { (0..<n).map { _ in (2 * rng.nextUnitDouble() - 1) * s } }
        let pre = r(rows * 4 * H), bias = r(4 * H, 1), cPrev = r(rows * H, 1), dhA = r(rows * H), dhB = r(rows * H)
        let dc0 = r(rows * H)
        var gates = pre, c = [Double](repeating: 0, count: rows * H), h = c, tc = c
        Double.kernelLSTMForward(rows: rows, hidden: H, gates: &gates, bias: bias, cPrev: cPrev, c: &c, h: &h, tanhC: &tc)
        var dG = gates, dc = dc0
        Double.kernelLSTMBackward(rows: rows, hidden: H, gates: &dG, cPrev: cPrev, tanhC: tc, dhA: dhA, lda: H,
                                  dhB: dhB, ldb: H, dc: &dc)
        func sig(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }
        var worst = 0.0
        for row in 0..<rows {
            for j in 0..<H {
                let g0 = row * 4 * H
                let i = sig(pre[g0 + j] + bias[j]), f = sig(pre[g0 + H + j] + bias[H + j])
                let g = Foundation.tanh(pre[g0 + 2 * H + j] + bias[2 * H + j]), o = sig(pre[g0 + 3 * H + j] + bias[3 * H + j])
                let cc = f * cPrev[row * H + j] + i * g, t = Foundation.tanh(cc)
                let dh = dhA[row * H + j] + dhB[row * H + j]
                let dcc = dc0[row * H + j] + dh * o * (1 - t * t)
                let expected: [(Double, Double)] = [
                    (gates[g0 + j], i), (gates[g0 + H + j], f), (gates[g0 + 2 * H + j], g), (gates[g0 + 3 * H + j], o),
                    (c[row * H + j], cc), (h[row * H + j], o * t), (tc[row * H + j], t),
                    (dG[g0 + j], dcc * g * i * (1 - i)), (dG[g0 + H + j], dcc * cPrev[row * H + j] * f * (1 - f)),
                    (dG[g0 + 2 * H + j], dcc * i * (1 - g * g)), (dG[g0 + 3 * H + j], dh * t * o * (1 - o)),
                    (dc[row * H + j], dcc * f),
                ]
                for (got, want) in expected { worst = max(worst, abs(got - want) / max(1, abs(want))) }
            }
        }
        #expect(worst < 1e-14, "worst scaled error \(worst)")
        // Inference form (no tanh(c) store, no bias) agrees with the training form.
        var g2 = pre, c2 = c, h2 = h
        Double.kernelLSTMForward(rows: rows, hidden: H, gates: &g2, bias: nil, cPrev: cPrev, c: &c2, h: &h2, tanhC: nil)
        var g3 = pre, c3 = c, h3 = h, t3 = tc
        Double.kernelLSTMForward(rows: rows, hidden: H, gates: &g3, bias: nil, cPrev: cPrev, c: &c3, h: &h3, tanhC: &t3)
        #expect(h2 == h3 && c2 == c3)
    }
}
