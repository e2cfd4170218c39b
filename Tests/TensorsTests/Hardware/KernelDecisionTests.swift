import Testing
@testable import Tensors

/// The start-up kernel decision is a pure function of (core name, CPU, environment).
@Suite("OpenBLAS kernel decision")
struct KernelDecisionTests {
    static let intelAVX512 = CPUInfo(vendor: "GenuineIntel", modelName: "Intel(R) Xeon(R) Platinum 8580", family: 6,
                                     model: 207, features: [.sse3, .ssse3, .sse4_1, .sse4_2, .avx, .fma, .avx2,
                                                            .avx512f, .avx512bw, .avx512dq, .avx512vl, .avx512bf16,
                                                            .amxTile, .amxBF16])
    static let intelAVX2 = CPUInfo(vendor: "GenuineIntel", features: [.sse3, .avx, .fma, .avx2])
    static let intelAVX = CPUInfo(vendor: "GenuineIntel", features: [.sse3, .avx])
    static let intelSSE = CPUInfo(vendor: "GenuineIntel", features: [.sse3, .ssse3])
    static let amdZen3 = CPUInfo(vendor: "AuthenticAMD", features: [.sse3, .avx, .fma, .avx2])
    static let amdZen4 = CPUInfo(vendor: "AuthenticAMD", features: [.sse3, .avx, .fma, .avx2, .avx512f, .avx512bw,
                                                                     .avx512dq, .avx512vl, .avx512bf16])
    /// AVX-512 F without BW/DQ/VL (Knights Landing): not enough for the SkylakeX kernels.
    static let intelKNL = CPUInfo(vendor: "GenuineIntel", features: [.sse3, .avx, .fma, .avx2, .avx512f])

    @Test("re-executes fallback cores with the fastest family the features allow", arguments: [
        ("Prescott", intelAVX512, "SkylakeX"), ("prescott", intelAVX512, "SkylakeX"), ("Core2", intelAVX512, "SkylakeX"),
        ("Nehalem", intelAVX2, "Haswell"), ("Atom", intelAVX, "Sandybridge"), ("Prescott", amdZen3, "Zen"),
        ("Barcelona", amdZen4, "Zen"), ("Haswell", intelAVX512, "SkylakeX"), ("Sandybridge", intelAVX2, "Haswell"),
        ("Prescott", intelKNL, "Haswell"),
    ])
    func repairs(core: String, cpu: CPUInfo, expected: String) {
        let d = KernelDecision.decide(core: core, cpu: cpu, environment: [:])
        #expect(d.action == .reexecute(coreType: expected), "\(core) on \(cpu): \(d)")
        #expect(d.runsFallbackCore)
        #expect(d.recommendedCoreType == expected)
    }

    @Test("keeps cores that are already the best family, or unknown, or where nothing better exists", arguments: [
        ("SkylakeX", intelAVX512), ("Cooperlake", intelAVX512), ("SapphireRapids", intelAVX512), ("Haswell", intelAVX2),
        ("Zen", amdZen3), ("Zen", amdZen4), ("Prescott", intelSSE), ("NeoverseN1", intelAVX512), ("Haswell", amdZen3),
    ])
    func keeps(core: String, cpu: CPUInfo) {
        let d = KernelDecision.decide(core: core, cpu: cpu, environment: [:])
        #expect(d.action == .keep, "\(core) on \(cpu): \(d)")
        #expect(!d.runsFallbackCore)
    }

    @Test("the user's OPENBLAS_CORETYPE, an earlier attempt and the off switch all prevent re-execution")
    func environmentWins() {
        let cases: [[String: String]] = [
            ["OPENBLAS_CORETYPE": "Prescott"],
            [KernelDecision.markerVariable: "trying:SkylakeX:Prescott:-"],
            [KernelDecision.markerVariable: "failed:SkylakeX:Prescott:x"],
            [KernelDecision.markerVariable: "repaired:SkylakeX:Prescott"],
            [KernelDecision.disableVariable: "1"],
            // The simulation hook never overrides an earlier attempt: no loop even in tests.
            ["OPENBLAS_CORETYPE": "SkylakeX", KernelDecision.simulateFallbackVariable: "1",
             KernelDecision.markerVariable: "trying:SkylakeX:Prescott:Prescott"],
        ]
        for env in cases {
            let d = KernelDecision.decide(core: "Prescott", cpu: Self.intelAVX512, environment: env)
            #expect(d.action == .keep, "\(env): \(d)")
            #expect(d.runsFallbackCore, "still reported as a fallback core")
            #expect(d.recommendedCoreType == "SkylakeX")
        }
        let simulated = KernelDecision.decide(
            core: "Prescott", cpu: Self.intelAVX512,
            environment: ["OPENBLAS_CORETYPE": "Prescott", KernelDecision.simulateFallbackVariable: "1"])
        #expect(simulated.action == .reexecute(coreType: "SkylakeX"))
    }

    @Test("core levels and CPU feature names")
    func levels() {
        #expect(KernelDecision.level(ofCore: "PRESCOTT") == .sse)
        #expect(KernelDecision.level(ofCore: "Sandybridge") == .avx)
        #expect(KernelDecision.level(ofCore: "Zen") == .avx2)
        #expect(KernelDecision.level(ofCore: "Cooperlake") == .avx512)
        #expect(KernelDecision.level(ofCore: "armv8") == nil)
        #expect(Self.intelAVX512.features.names.contains("avx512_bf16"))
        #expect(CPUFeatures([.avx, .fma]).description == "avx fma")
    }

    @Test("the report warns once-worthy only about fallback cores the user did not choose, and about failed repairs")
    func reportWarning() {
        var r = KernelReport(cpu: Self.intelAVX512, openBLASCore: "Prescott", openBLASConfig: "", recommendedCoreType: "SkylakeX",
                             runsFallbackCore: true, userCoreType: nil, repair: .none)
        let w = try! #require(r.warning)
        #expect(w.contains("'Prescott'") && w.contains("OPENBLAS_CORETYPE=SkylakeX") && w.contains("Xeon"))
        r.userCoreType = "Prescott"
        #expect(r.warning == nil)
        r = KernelReport(cpu: Self.intelAVX512, openBLASCore: "SkylakeX", openBLASConfig: "", recommendedCoreType: "SkylakeX",
                         runsFallbackCore: false, userCoreType: nil, repair: .repaired(from: "Prescott", to: "SkylakeX"))
        #expect(r.warning == nil)
        #expect(r.json.contains("\"repair\": \"repaired Prescott->SkylakeX\""))
        r.repair = .failed(tried: "SkylakeX", detected: "Prescott", detail: "sgemm 7×5×3 NN")
        r.openBLASCore = "Prescott"
        #expect(r.warning?.contains("failed the GEMM check") == true)
    }

    @Test("the GEMM check passes on this machine's kernels, at 1 and 2 threads")
    func kernelCheckPasses() {
        for t in [1, 2] {
            let check = BLAS.withThreads(t) { KernelCheck.run() }
            #expect(check.passed, "\(check)")
            #expect(check.worstRatio > 0 && check.worstRatio < 0.5, "rounding errors are far below the bound: \(check)")
        }
    }
}
