import CBLAS

/// What FactorLab knows about the BLAS kernels of this process: the CPU, the OpenBLAS core,
/// the family the CPU allows, and what the start-up repair did (``BLAS/kernelReport``).
public struct KernelReport: Sendable, Equatable, CustomStringConvertible {
    /// The processor (CPUID).
    public var cpu: CPUInfo
    /// `openblas_get_corename()`.
    public var openBLASCore: String
    /// `openblas_get_config()`.
    public var openBLASConfig: String
    /// The fastest `OPENBLAS_CORETYPE` for this CPU (nil off x86 or without AVX).
    public var recommendedCoreType: String?
    /// Whether OpenBLAS runs an older or generic family than ``recommendedCoreType``.
    public var runsFallbackCore: Bool
    /// `OPENBLAS_CORETYPE` as the user set it (nil when unset or set by the repair).
    public var userCoreType: String?
    /// The start-up repair's outcome.
    public var repair: KernelRepair.Outcome

    /// A one-line warning when the kernels are slower than the CPU allows and the user did not ask
    /// for them, or when a repair failed; nil otherwise.
    public var warning: String? {
        let cpuText = "\(cpu.modelName.isEmpty ? cpu.vendor : cpu.modelName), \(cpu.features)"
        switch repair {
        case .failed(let tried, let detected, let detail):
            return "FactorLab: OpenBLAS kernels '\(tried)' failed the GEMM check (\(detail)); running "
                + "OpenBLAS's own '\(detected)' kernels, which are slower on this CPU (\(cpuText)). See Docs/Hardware.md."
        case .ineffective(let tried, let running):
            return "FactorLab: OPENBLAS_CORETYPE=\(tried) had no effect (this OpenBLAS is built for one CPU); "
                + "running '\(running)' kernels on \(cpuText). Install an OpenBLAS built with DYNAMIC_ARCH or a newer one (Docs/Hardware.md)."
        case .repaired, .none:
            guard runsFallbackCore, userCoreType == nil, let recommended = recommendedCoreType else { return nil }
            return "FactorLab: OpenBLAS runs its generic '\(openBLASCore)' kernels on this CPU (\(cpuText)); BLAS "
                + "calls may be 2–4× slower than they could be. Start the process with OPENBLAS_CORETYPE=\(recommended) "
                + "(Docs/Hardware.md)."
        }
    }

    /// Multi-line human-readable report.
    public var description: String {
        var lines = [
            "CPU: \(cpu.modelName.isEmpty ? "(unknown)" : cpu.modelName) [\(cpu.vendor) family \(cpu.family) model \(cpu.model)]",
            "features: \(cpu.features)",
            "OpenBLAS core: \(openBLASCore)\(runsFallbackCore ? " (fallback: older than the CPU allows)" : "")",
            "recommended OPENBLAS_CORETYPE: \(recommendedCoreType ?? "none")",
            "OpenBLAS config: \(openBLASConfig)",
        ]
        if let userCoreType { lines.append("OPENBLAS_CORETYPE (user): \(userCoreType)") }
        switch repair {
        case .none: lines.append("repair: none")
        case .repaired(let from, let to): lines.append("repair: re-executed with \(to) instead of \(from); GEMM check passed")
        case .failed(let tried, let detected, let detail): lines.append("repair: \(tried) failed the GEMM check (\(detail)); back on \(detected)")
        case .ineffective(let tried, let running): lines.append("repair: OPENBLAS_CORETYPE=\(tried) had no effect; running \(running)")
        }
        return lines.joined(separator: "\n")
    }

    /// A JSON object (for benchmark records).
    public var json: String {
        func q(_ s: String) -> String { JSONText.string(s) }
        let repairText: String = switch repair {
        case .none: "none"
        case .repaired(let from, let to): "repaired \(from)->\(to)"
        case .failed(let tried, let detected, _): "failed \(tried), kept \(detected)"
        case .ineffective(let tried, _): "ineffective \(tried)"
        }
        return """
        {"cpu": \(q(cpu.modelName)), "cpu_vendor": \(q(cpu.vendor)), "cpu_family": \(cpu.family), \
        "cpu_model": \(cpu.model), "cpu_features": \(q(cpu.features.description)), \
        "openblas_core": \(q(openBLASCore)), "recommended_coretype": \(recommendedCoreType.map(q) ?? "null"), \
        "fallback_core": \(runsFallbackCore), "repair": \(q(repairText))}
        """
    }
}

extension BLAS {
    /// The kernels of this process: CPU model and features, OpenBLAS core, the recommended
    /// `OPENBLAS_CORETYPE`, and the start-up repair's outcome (Docs/Hardware.md).
    public static var kernelReport: KernelReport {
        let core = coreName
        let env = KernelRepair.relevantEnvironment()
        let decision = KernelDecision.decide(core: core, cpu: CPUInfo.current, environment: [:])
        let repair = KernelRepair.outcome
        let userCoreType: String? = {
            guard let v = env["OPENBLAS_CORETYPE"], !v.isEmpty else { return nil }
            if env[KernelDecision.simulateFallbackVariable] == "1" { return nil }
            if case .none = repair, env[KernelDecision.markerVariable] == nil { return v }
            return nil // set by the repair chain
        }()
        return KernelReport(cpu: CPUInfo.current, openBLASCore: core, openBLASConfig: configuration,
                            recommendedCoreType: decision.recommendedCoreType,
                            runsFallbackCore: decision.runsFallbackCore, userCoreType: userCoreType, repair: repair)
    }

    /// Prints ``KernelReport/warning`` to stderr, once per process. Called by the executables'
    /// start-up repair and on first use of FactorLab's BLAS entry points.
    public static func warnAboutKernelsOnce() {
        _ = kernelWarningPrinted
    }

    private static let kernelWarningPrinted: Bool = {
        guard let warning = kernelReport.warning else { return false }
        KernelRepair.warn(warning)
        return true
    }()
}
