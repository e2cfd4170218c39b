import CBLAS
import Glibc

/// The start-up kernel repair of FactorLab's executables: when OpenBLAS runs an older or generic
/// kernel family than the CPU supports, the process re-executes itself once with
/// `OPENBLAS_CORETYPE` set, checks the new kernels numerically, and falls back (one more
/// re-execution, with a warning) when they fail. See Docs/Hardware.md.
///
/// The chain is driven by ``KernelDecision/markerVariable``: absent in the first process,
/// `trying:<core>:<detected>:<original OPENBLAS_CORETYPE or ->` in the child, then `repaired:…`,
/// `failed:…` or `ineffective:…`. Every state except "absent" and "trying" is final, so the
/// process re-executes at most twice and never loops.
public enum KernelRepair {
    /// What happened to this process's kernels.
    public enum Outcome: Sendable, Equatable {
        /// No re-execution (OpenBLAS's own choice, or the user's `OPENBLAS_CORETYPE`).
        case none
        /// Re-executed with `to` instead of OpenBLAS's `from`; the numerical check passed.
        case repaired(from: String, to: String)
        /// `tried` failed the numerical check; this process runs the detected core again.
        case failed(tried: String, detected: String, detail: String)
        /// `OPENBLAS_CORETYPE=tried` did not change the core (OpenBLAS built for a single CPU).
        case ineffective(tried: String, running: String)
    }

    /// The outcome recorded in this process's environment.
    public static var outcome: Outcome {
        guard let marker = getenvString(KernelDecision.markerVariable) else { return .none }
        let f = marker.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 3 else { return .none }
        switch f[0] {
        case "repaired": return .repaired(from: f[2], to: f[1])
        case "failed": return .failed(tried: f[1], detected: f[2], detail: f.count > 3 ? f[3] : "")
        case "ineffective": return .ineffective(tried: f[1], running: f[2])
        default: return .none
        }
    }

    /// Call first thing in an executable's entry point (one line). May replace the process
    /// image (`execv` of `/proc/self/exe` with the same arguments); returns once the kernels are
    /// settled, having printed at most one warning to stderr.
    public static func reexecIfNeeded() {
        defer { BLAS.warnAboutKernelsOnce() }
        let core = BLAS.coreName
        let marker = getenvString(KernelDecision.markerVariable) ?? ""
        if marker.hasPrefix("trying:") {
            settleChild(marker: marker, core: core)
            return
        }
        let decision = KernelDecision.decide(core: core, cpu: CPUInfo.current, environment: relevantEnvironment())
        guard case .reexecute(let coreType) = decision.action else { return }
        let original = getenvString("OPENBLAS_CORETYPE") ?? "-"
        setenv("OPENBLAS_CORETYPE", coreType, 1)
        setenv(KernelDecision.markerVariable, "trying:\(coreType):\(core):\(original)", 1)
        reexec()
        // Only reached when execv failed: carry on with what we have.
        restoreCoreType(original)
        unsetenv(KernelDecision.markerVariable)
        warn("FactorLab: could not re-execute with OPENBLAS_CORETYPE=\(coreType) (errno \(errno)).")
    }

    /// In the re-executed child: trust the new kernels only if the numerical check passes.
    private static func settleChild(marker: String, core: String) {
        let f = marker.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard f.count == 4 else { unsetenv(KernelDecision.markerVariable); return }
        let (tried, detected, original) = (f[1], f[2], f[3])
        if core.lowercased() != tried.lowercased() {
            // Nothing changed (OpenBLAS without DYNAMIC_ARCH): the same kernels as before.
            setenv(KernelDecision.markerVariable, "ineffective:\(tried):\(core)", 1)
            return
        }
        let check = KernelCheck.run()
        if check.passed {
            setenv(KernelDecision.markerVariable, "repaired:\(tried):\(detected)", 1)
            return
        }
        let detail = check.worstCase.replacingColons
        restoreCoreType(original)
        setenv(KernelDecision.markerVariable, "failed:\(tried):\(detected):\(detail)", 1)
        reexec()
        warn("FactorLab: OPENBLAS_CORETYPE=\(tried) failed the GEMM check (\(detail)) and re-executing "
             + "failed (errno \(errno)); stopping rather than computing with wrong kernels.")
        exit(70)
    }

    static func relevantEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        for key in ["OPENBLAS_CORETYPE", KernelDecision.markerVariable, KernelDecision.disableVariable,
                    KernelDecision.simulateFallbackVariable] {
            if let v = getenvString(key) { env[key] = v }
        }
        return env
    }

    private static func restoreCoreType(_ original: String) {
        if original == "-" { unsetenv("OPENBLAS_CORETYPE") } else { setenv("OPENBLAS_CORETYPE", original, 1) }
    }

    private static func reexec() {
        fflush(nil) // nothing buffered may be lost or printed twice
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }

    static func warn(_ message: String) {
        fputs(message + "\n", factorlab_stderr())
    }
}

/// `getenv` as a Swift string (nil when unset).
func getenvString(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

private extension String {
    var replacingColons: String { String(map { $0 == ":" ? ";" : $0 }) }
}
