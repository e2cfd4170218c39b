/// Which OpenBLAS kernels a CPU deserves, and whether an executable should restart itself to get
/// them: a pure function of (OpenBLAS core name, CPU features, environment), so every case is
/// tested without the hardware (Docs/Hardware.md).
public struct KernelDecision: Sendable, Equatable, CustomStringConvertible {
    /// What to do at start-up.
    public enum Action: Sendable, Equatable {
        /// Run with the kernels OpenBLAS loaded.
        case keep
        /// Re-execute once with `OPENBLAS_CORETYPE` set to this family.
        case reexecute(coreType: String)
    }

    /// The instruction-set level of an OpenBLAS kernel family.
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        /// SSE-only kernels, AVX, AVX2 with FMA, AVX-512.
        case sse = 0, avx, avx2, avx512
        /// Ordered by instruction-set width.
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        /// "SSE", "AVX", "AVX2+FMA" or "AVX-512".
        public var description: String { ["SSE", "AVX", "AVX2+FMA", "AVX-512"][rawValue] }
    }

    /// Keep or re-execute.
    public var action: Action
    /// The fastest `OPENBLAS_CORETYPE` the CPU allows (nil when none is known, e.g. off x86).
    public var recommendedCoreType: String?
    /// Whether the running core is an older or generic family than the CPU supports.
    public var runsFallbackCore: Bool
    /// Why, in one sentence.
    public var reason: String

    /// `keep (reason)` or `re-execute with OPENBLAS_CORETYPE=… (reason)`.
    public var description: String {
        switch action {
        case .keep: "keep (\(reason))"
        case .reexecute(let core): "re-execute with OPENBLAS_CORETYPE=\(core) (\(reason))"
        }
    }

    /// Environment variable FactorLab sets on its re-executed child (never set it yourself).
    public static let markerVariable = "FACTORLAB_KERNEL_REPAIR"
    /// Set to `1` to stop the executables from re-executing themselves (the warning stays).
    public static let disableVariable = "FACTORLAB_NO_KERNEL_REPAIR"
    /// Test hook: `1` treats a given `OPENBLAS_CORETYPE` as OpenBLAS's own choice rather than the
    /// user's, so a fallback core can be simulated on any machine.
    public static let simulateFallbackVariable = "FACTORLAB_KERNEL_SIMULATE_FALLBACK"

    /// The ISA level of an OpenBLAS core name (`openblas_get_corename()`, case-insensitive);
    /// nil for names this table does not know (then nothing is repaired).
    public static func level(ofCore name: String) -> Level? {
        switch name.lowercased() {
        case "unknown", "generic", "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2",
             "penryn", "dunnington", "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano",
             "bobcat":
            .sse
        case "sandybridge", "bulldozer", "piledriver", "steamroller", "excavator":
            .avx
        case "haswell", "zen":
            .avx2
        case "skylakex", "cooperlake", "sapphirerapids":
            .avx512
        default:
            nil
        }
    }

    /// The fastest `OPENBLAS_CORETYPE` value the CPU's features allow, as OpenBLAS 0.3.21 spells it.
    ///
    /// - AVX-512 F/BW/DQ/VL on Intel (and other non-AMD vendors): `SkylakeX`. `Cooperlake` (chosen
    ///   only with AVX512-BF16) has the same s/d GEMM kernels plus bf16 ones FactorLab never calls,
    ///   and measured 152 against 167 GFLOP/s for sgemm 1024³ on the 16-core Xeon.
    /// - AMD (and Hygon) with AVX2+FMA: `Zen`, also on AVX-512 parts: OpenBLAS itself runs Zen
    ///   kernels there, and Zen 4 executes 512-bit vectors in two halves.
    /// - AVX2+FMA: `Haswell`; AVX only: `Sandybridge`; otherwise nil (SSE kernels are all there is).
    public static func fastestCoreType(for cpu: CPUInfo) -> String? {
        let f = cpu.features
        let amdLike = cpu.vendor == "AuthenticAMD" || cpu.vendor == "HygonGenuine"
        if !amdLike && f.isSuperset(of: CPUFeatures.avx512Family.union(CPUFeatures.avx2Family)) { return "SkylakeX" }
        if f.isSuperset(of: CPUFeatures.avx2Family) { return amdLike ? "Zen" : "Haswell" }
        if f.contains(.avx) { return "Sandybridge" }
        return nil
    }

    /// The start-up decision.
    ///
    /// Re-execute only when all hold: no earlier attempt in this process chain (the marker is
    /// absent), the user did not choose `OPENBLAS_CORETYPE`, repair is not disabled, and the
    /// running core's level is known and below the recommended family's.
    ///
    /// - Parameters:
    ///   - core: `openblas_get_corename()` of the running process.
    ///   - cpu: the processor (``CPUInfo/current`` in production).
    ///   - environment: the process environment (only the variables named above are read).
    public static func decide(core: String, cpu: CPUInfo, environment: [String: String]) -> KernelDecision {
        let recommended = fastestCoreType(for: cpu)
        let fallback: Bool = {
            guard let recommended, let have = level(ofCore: core), let best = level(ofCore: recommended) else { return false }
            return have < best
        }()
        func keep(_ why: String) -> KernelDecision {
            KernelDecision(action: .keep, recommendedCoreType: recommended, runsFallbackCore: fallback, reason: why)
        }
        if let marker = environment[markerVariable], !marker.isEmpty {
            return keep("already re-executed once (\(markerVariable)=\(marker))")
        }
        let simulate = environment[simulateFallbackVariable] == "1"
        if let user = environment["OPENBLAS_CORETYPE"], !user.isEmpty, !simulate {
            return keep("OPENBLAS_CORETYPE=\(user) set by the user")
        }
        guard fallback, let recommended else {
            if level(ofCore: core) == nil { return keep("OpenBLAS core '\(core)' not in FactorLab's table") }
            return keep("OpenBLAS core '\(core)' is the fastest family this CPU supports")
        }
        if environment[disableVariable] == "1" {
            return keep("\(disableVariable)=1")
        }
        return KernelDecision(
            action: .reexecute(coreType: recommended), recommendedCoreType: recommended, runsFallbackCore: true,
            reason: "OpenBLAS chose '\(core)' (\(level(ofCore: core)!)) on a CPU with \(level(ofCore: recommended)!)")
    }
}
