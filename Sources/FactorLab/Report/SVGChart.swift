import Quant
import Foundation

/// Minimal inline-SVG charts for the self-contained HTML report (no scripts, no network).
public enum SVGChart {
    /// One line of a chart.
    public struct Series: Sendable {
        /// Legend label.
        public var name: String
        /// CSS colour.
        public var color: String
        /// Values (NaN breaks the line).
        public var values: [Double]
        /// Dashed stroke.
        public var dashed: Bool

        /// Creates a series.
        public init(name: String, color: String, values: [Double], dashed: Bool = false) {
            self.name = name
            self.color = color
            self.values = values
            self.dashed = dashed
        }
    }

    /// Layout constants.
    static let margin = (left: 64.0, right: 16.0, top: 50.0, bottom: 40.0)

    /// A line chart over an index axis labelled with `xLabels` (dates), with an optional shaded
    /// band and optional background shading of bull (green) / bear (red) days.
    public static func lines(title: String, series: [Series], xLabels: [String], band: (low: [Double], high: [Double], color: String, name: String)? = nil,
                             regimes: [MarketRegime]? = nil, width: Double = 900, height: Double = 320,
                             yFormat: (Double) -> String = { String(format: "%.2f", $0) }, zeroLine: Bool = false) -> String {
        let n = xLabels.count
        var all: [Double] = series.flatMap { $0.values }.filter { $0.isFinite }
        if let b = band { all += (b.low + b.high).filter { $0.isFinite } }
        if zeroLine { all.append(0) }
        guard n > 1, let lo0 = all.min(), let hi0 = all.max() else { return "<p class=\"na\">\(esc(title)): no data</p>" }
        let pad = (hi0 - lo0) * 0.05 + 1e-12
        let lo = lo0 - pad, hi = hi0 + pad
        let m = margin
        let pw = width - m.left - m.right, ph = height - m.top - m.bottom
        func x(_ i: Int) -> Double { m.left + pw * Double(i) / Double(n - 1) }
        func y(_ v: Double) -> Double { m.top + ph * (1 - (v - lo) / (hi - lo)) }
        var s = header(width: width, height: height, title: title)
        if let regimes, regimes.count == n {
            var i = 0
            while i < n {
                let g = regimes[i]
                var j = i
                while j + 1 < n && regimes[j + 1] == g { j += 1 }
                if g != .sideways {
                    let x0 = x(i) - pw / Double(2 * (n - 1)), x1 = x(j) + pw / Double(2 * (n - 1))
                    s += "<rect x=\"\(f(max(x0, m.left)))\" y=\"\(f(m.top))\" width=\"\(f(min(x1, m.left + pw) - max(x0, m.left)))\" height=\"\(f(ph))\" fill=\"\(g == .bull ? "#2e7d3222" : "#c6282822")\"/>"
                }
                i = j + 1
            }
        }
        s += axes(lo: lo, hi: hi, xLabels: xLabels, x: x, y: y, width: width, height: height, yFormat: yFormat)
        if zeroLine && lo < 0 && hi > 0 {
            s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#555\" stroke-width=\"0.8\"/>"
        }
        if let b = band, b.low.count == n {
            var pts: [String] = []
            for i in 0..<n where b.low[i].isFinite { pts.append("\(f(x(i))),\(f(y(b.high[i])))") }
            for i in stride(from: n - 1, through: 0, by: -1) where b.low[i].isFinite { pts.append("\(f(x(i))),\(f(y(b.low[i])))") }
            s += "<polygon points=\"\(pts.joined(separator: " "))\" fill=\"\(b.color)\" stroke=\"none\"/>"
        }
        for sr in series {
            var d = "", pen = false
            for (i, v) in sr.values.enumerated() where i < n {
                if v.isFinite { d += (pen ? "L" : "M") + "\(f(x(i))),\(f(y(v)))"; pen = true } else { pen = false }
            }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(sr.color)\" stroke-width=\"1.6\"\(sr.dashed ? " stroke-dasharray=\"5,3\"" : "")/>"
        }
        var legend = series.map { ($0.name, $0.color) }
        if let b = band { legend.append((b.name, b.color)) }
        if regimes != nil { legend += [("bull", "#2e7d3244"), ("bear", "#c6282844")] }
        s += legendSVG(legend, x: m.left, y: 24, maxX: width - m.right)
        return s + "</svg>"
    }

    /// A vertical bar chart (one bar per label), highlighted bars drawn in `highlight`.
    public static func bars(title: String, labels: [String], values: [Double], highlighted: Set<String>,
                            width: Double = 900, height: Double = 300, yFormat: (Double) -> String = { String(format: "%.3f", $0) }) -> String {
        let vals = values.map { $0.isFinite ? $0 : 0 }
        guard !vals.isEmpty else { return "<p class=\"na\">\(esc(title)): no data</p>" }
        let lo = min(0, vals.min()!) * 1.1 - 1e-9, hi = max(0, vals.max()!) * 1.1 + 1e-9
        let m = (left: 64.0, right: 16.0, top: 44.0, bottom: 90.0)
        let pw = width - m.left - m.right, ph = height - m.top - m.bottom
        func y(_ v: Double) -> Double { m.top + ph * (1 - (v - lo) / (hi - lo)) }
        var s = header(width: width, height: height, title: title)
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(m.left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" class=\"tick\">\(esc(yFormat(v)))</text>"
        }
        s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#333\"/>"
        let bw = pw / Double(vals.count)
        for (i, v) in vals.enumerated() {
            let x0 = m.left + bw * Double(i) + bw * 0.15
            let top = min(y(v), y(0)), h = abs(y(v) - y(0))
            let color = highlighted.contains(labels[i]) ? "#1565c0" : "#9e9e9e"
            s += "<rect x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(bw * 0.7))\" height=\"\(f(max(h, 0.5)))\" fill=\"\(color)\"><title>\(esc(labels[i])): \(esc(yFormat(values[i])))</title></rect>"
            let lx = x0 + bw * 0.35, ly = m.top + ph + 10
            s += "<text x=\"\(f(lx))\" y=\"\(f(ly))\" transform=\"rotate(45 \(f(lx)) \(f(ly)))\" class=\"tick\">\(esc(labels[i]))</text>"
        }
        s += legendSVG([("selected", "#1565c0"), ("not selected", "#9e9e9e")], x: m.left, y: 24, maxX: width - m.right)
        return s + "</svg>"
    }

    /// A histogram of `values` with vertical markers (e.g. each model's Sharpe against random portfolios).
    public static func histogram(title: String, values: [Double], markers: [(String, String, Double)], bins: Int = 20,
                                 width: Double = 900, height: Double = 260) -> String {
        let v = values.filter { $0.isFinite }
        let mk = markers.filter { $0.2.isFinite }
        guard v.count > 1 else { return "<p class=\"na\">\(esc(title)): no data</p>" }
        let lo = min(v.min()!, mk.map { $0.2 }.min() ?? .infinity), hi = max(v.max()!, mk.map { $0.2 }.max() ?? -.infinity)
        let w = (hi - lo) / Double(bins) + 1e-12
        var counts = [Int](repeating: 0, count: bins)
        for x in v { counts[min(bins - 1, Int((x - lo) / w))] += 1 }
        let m = margin
        let pw = width - m.left - m.right, ph = height - m.top - m.bottom
        let cmax = Double(counts.max()!)
        func x(_ val: Double) -> Double { m.left + pw * (val - lo) / (hi - lo + 1e-12) }
        var s = header(width: width, height: height, title: title)
        for (i, c) in counts.enumerated() {
            let h = ph * Double(c) / cmax
            s += "<rect x=\"\(f(m.left + pw * Double(i) / Double(bins)))\" y=\"\(f(m.top + ph - h))\" width=\"\(f(pw / Double(bins) - 1))\" height=\"\(f(h))\" fill=\"#bdbdbd\"/>"
        }
        for k in 0...4 {
            let val = lo + (hi - lo) * Double(k) / 4
            s += "<text x=\"\(f(x(val)))\" y=\"\(f(m.top + ph + 16))\" text-anchor=\"middle\" class=\"tick\">\(String(format: "%.2f", val))</text>"
        }
        s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(m.top + ph))\" y2=\"\(f(m.top + ph))\" stroke=\"#333\"/>"
        for (name, color, val) in mk {
            s += "<line x1=\"\(f(x(val)))\" x2=\"\(f(x(val)))\" y1=\"\(f(m.top))\" y2=\"\(f(m.top + ph))\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(esc(name)) \(String(format: "%.2f", val))</title></line>"
        }
        s += legendSVG(mk.map { ($0.0, $0.1) } + [("random portfolios", "#bdbdbd")], x: m.left, y: 24, maxX: width - m.right)
        return s + "</svg>"
    }

    /// A line chart over a categorical x axis (sweep points), several series.
    public static func categorical(title: String, xLabels: [String], series: [Series], width: Double = 440, height: Double = 280,
                                   yFormat: (Double) -> String = { String(format: "%.2f", $0) }, marker: Int? = nil) -> String {
        let n = xLabels.count
        let all = series.flatMap { $0.values }.filter { $0.isFinite } + [0]
        guard n > 0, let lo0 = all.min(), let hi0 = all.max() else { return "<p class=\"na\">\(esc(title)): no data</p>" }
        let pad = (hi0 - lo0) * 0.08 + 1e-9, lo = lo0 - pad, hi = hi0 + pad
        let m = (left: 56.0, right: 12.0, top: 46.0, bottom: 40.0)
        let pw = width - m.left - m.right, ph = height - m.top - m.bottom
        func x(_ i: Int) -> Double { m.left + pw * (Double(i) + 0.5) / Double(n) }
        func y(_ v: Double) -> Double { m.top + ph * (1 - (v - lo) / (hi - lo)) }
        var s = header(width: width, height: height, title: title)
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#e0e0e0\"/>"
            s += "<text x=\"\(f(m.left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" class=\"tick\">\(esc(yFormat(v)))</text>"
        }
        if lo < 0 && hi > 0 { s += "<line x1=\"\(f(m.left))\" x2=\"\(f(m.left + pw))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#555\"/>" }
        if let k = marker, k < n {
            s += "<rect x=\"\(f(x(k) - pw / Double(2 * n)))\" y=\"\(f(m.top))\" width=\"\(f(pw / Double(n)))\" height=\"\(f(ph))\" fill=\"#fff59d88\"/>"
        }
        for i in 0..<n {
            s += "<text x=\"\(f(x(i)))\" y=\"\(f(m.top + ph + 16))\" text-anchor=\"middle\" class=\"tick\">\(esc(xLabels[i]))</text>"
        }
        for sr in series {
            var d = "", pen = false
            for (i, v) in sr.values.enumerated() where i < n {
                if v.isFinite { d += (pen ? "L" : "M") + "\(f(x(i))),\(f(y(v)))"; pen = true; s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3\" fill=\"\(sr.color)\"/>" } else { pen = false }
            }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(sr.color)\" stroke-width=\"1.8\"\(sr.dashed ? " stroke-dasharray=\"5,3\"" : "")/>"
        }
        s += legendSVG(series.map { ($0.name, $0.color) }, x: m.left, y: 24, maxX: width - m.right)
        return s + "</svg>"
    }

    static func header(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" class=\"chart\">"
            + "<text x=\"\(f(width / 2))\" y=\"18\" text-anchor=\"middle\" class=\"title\">\(esc(title))</text>"
    }

    static func axes(lo: Double, hi: Double, xLabels: [String], x: (Int) -> Double, y: (Double) -> Double,
                     width: Double, height: Double, yFormat: (Double) -> String) -> String {
        let m = margin
        var s = ""
        for k in 0...5 {
            let v = lo + (hi - lo) * Double(k) / 5
            s += "<line x1=\"\(f(m.left))\" x2=\"\(f(width - m.right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#e0e0e0\"/>"
            s += "<text x=\"\(f(m.left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\" class=\"tick\">\(esc(yFormat(v)))</text>"
        }
        let n = xLabels.count
        let ticks = min(8, n)
        for k in 0..<ticks {
            let i = ticks == 1 ? 0 : (n - 1) * k / (ticks - 1)
            s += "<line x1=\"\(f(x(i)))\" x2=\"\(f(x(i)))\" y1=\"\(f(height - m.bottom))\" y2=\"\(f(height - m.bottom + 4))\" stroke=\"#333\"/>"
            // The last label ends at the plot's right edge so it is not clipped by the SVG box.
            let anchor = k == ticks - 1 && ticks > 1 ? "end" : "middle"
            s += "<text x=\"\(f(x(i)))\" y=\"\(f(height - m.bottom + 18))\" text-anchor=\"\(anchor)\" class=\"tick\">\(esc(xLabels[i]))</text>"
        }
        s += "<rect x=\"\(f(m.left))\" y=\"\(f(m.top))\" width=\"\(f(width - m.left - m.right))\" height=\"\(f(height - m.top - m.bottom))\" fill=\"none\" stroke=\"#999\"/>"
        return s
    }

    /// A legend row starting at (x, y), wrapping before `maxX`.
    static func legendSVG(_ items: [(String, String)], x: Double, y: Double, maxX: Double = 880) -> String {
        var s = "", cx = x, cy = y
        for (name, color) in items {
            let w = 16 + Double(name.count) * 6.3 + 14
            if cx + w > maxX && cx > x { cx = x; cy += 13 }
            s += "<rect x=\"\(f(cx))\" y=\"\(f(cy))\" width=\"12\" height=\"10\" fill=\"\(color)\"/>"
            s += "<text x=\"\(f(cx + 16))\" y=\"\(f(cy + 9))\" class=\"legend\">\(esc(name))</text>"
            cx += w
        }
        return s
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    /// HTML/XML escaping.
    public static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
