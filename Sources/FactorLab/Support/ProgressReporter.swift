import Quant
import Foundation
import Synchronization

/// Progress of long work on standard error: a live, redrawn bar on a terminal and plain,
/// throttled lines otherwise (logs, CI); silent when quiet. Safe to call from any thread.
public final class ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Style: Sendable { case live, lines, quiet }

    /// The chosen style.
    public let style: Style
    private struct State {
        var stage = ""
        var stageStart = Date()
        var lastLine = Date.distantPast
        var lastFraction = -1.0
        var barShown = false
    }
    private let state = Mutex(State())

    /// `live` when standard error is a terminal, `lines` otherwise; `quiet` silences everything.
    public init(quiet: Bool = false, style: Style? = nil) {
        if quiet { self.style = .quiet } else { self.style = style ?? (isatty(2) != 0 ? .live : .lines) }
    }

    /// A reporter that prints nothing.
    public static let silent = ProgressReporter(quiet: true)

    /// Starts a stage (e.g. "fold 2/5: LSTM").
    public func stage(_ name: String) {
        guard style != .quiet else { return }
        state.withLock { s in
            if s.barShown { Self.write("\n"); s.barShown = false }
            s.stage = name; s.stageStart = Date(); s.lastFraction = -1
        }
        if style == .lines { Self.write("[factorlab] \(name)\n") }
    }

    /// Reports progress `fraction` (0…1) of the current stage with a short detail (e.g. "epoch 3 loss 1.2e-4").
    public func update(_ fraction: Double, _ detail: String = "") {
        guard style != .quiet else { return }
        state.withLock { s in
            let now = Date()
            let elapsed = now.timeIntervalSince(s.stageStart)
            let eta = fraction > 0.01 ? elapsed * (1 - fraction) / fraction : .nan
            let etaText = eta.isFinite ? String(format: "ETA %.0fs", eta) : "ETA --"
            switch style {
            case .live:
                let width = 24, filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                Self.write("\r\u{1B}[2K\(s.stage) [\(bar)] \(Int(fraction * 100))% \(detail) \(etaText)")
                s.barShown = true
            case .lines:
                // At most one line per 2 s or per 10 %, plus the final one.
                guard now.timeIntervalSince(s.lastLine) >= 2 || fraction - s.lastFraction >= 0.1 || fraction >= 1 else { return }
                s.lastLine = now; s.lastFraction = fraction
                Self.write("[factorlab] \(s.stage): \(Int(fraction * 100))% \(detail) \(etaText)\n")
            case .quiet: break
            }
        }
    }

    /// A one-off message (warnings, notices); always printed unless quiet.
    public func message(_ text: String) {
        guard style != .quiet else { return }
        state.withLock { s in
            if s.barShown { Self.write("\n"); s.barShown = false }
        }
        Self.write(text + "\n")
    }

    /// Ends a live bar line.
    public func finish() {
        guard style == .live else { return }
        state.withLock { s in if s.barShown { Self.write("\n"); s.barShown = false } }
    }

    private static func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
