import Foundation
import Testing
@testable import Tensors

/// The whole re-execution path, as a user meets it: `lstm-bench kernels --json` is started with a
/// simulated fallback core (`OPENBLAS_CORETYPE=Prescott` forced, and the test hook that makes the
/// executable treat it as OpenBLAS's own choice). It must re-execute itself with the family this
/// CPU allows, check those kernels, and report it; with a simulated check failure it must come
/// back to Prescott with one warning.
@Suite("OpenBLAS kernel repair (re-execution)", .serialized)
struct KernelRepairProcessTests {
    struct Run { var json: [String: Any]; var stderr: String; var status: Int32 }

    /// lstm-bench sits next to the test bundle in the build directory (`swift build --build-tests` builds it).
    static var benchmark: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("lstm-bench")
    }

    func run(_ extra: [String: String]) throws -> Run {
        let exe = Self.benchmark
        try #require(FileManager.default.isExecutableFile(atPath: exe.path), "build lstm-bench first: \(exe.path)")
        var env: [String: String?] = [:]
        for k in ["OPENBLAS_CORETYPE", KernelDecision.markerVariable, KernelDecision.disableVariable,
                  KernelDecision.simulateFallbackVariable, KernelCheck.simulateFailureVariable] { env[k] = .some(nil) }
        for (k, v) in extra { env[k] = v }
        let r = try ProcessRunner.run(exe, ["kernels", "--json"], environment: env)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        return Run(json: object, stderr: r.stderr, status: r.status)
    }

    static var expectedFamily: String? { KernelDecision.fastestCoreType(for: CPUInfo.current) }

    @Test("a simulated Prescott fallback is repaired to this CPU's family and checked")
    func repairsSimulatedFallback() throws {
        let family = try #require(Self.expectedFamily, "this CPU has no AVX: nothing to repair to")
        let r = try run(["OPENBLAS_CORETYPE": "Prescott", KernelDecision.simulateFallbackVariable: "1"])
        #expect(r.status == 0)
        let report = try #require(r.json["report"] as? [String: Any], "stdout: \(r.json), stderr: \(r.stderr)")
        #expect((report["openblas_core"] as? String)?.lowercased() == family.lowercased())
        #expect(report["repair"] as? String == "repaired Prescott->\(family)")
        #expect(r.json["check_passed"] as? Bool == true)
        #expect(!r.stderr.contains("FactorLab:"), "no warning after a successful repair: \(r.stderr)")
    }

    @Test("kernels that fail the check are dropped: back on the detected core, one warning, no loop")
    func fallsBackWhenCheckFails() throws {
        let family = try #require(Self.expectedFamily)
        let r = try run(["OPENBLAS_CORETYPE": "Prescott", KernelDecision.simulateFallbackVariable: "1",
                         KernelCheck.simulateFailureVariable: "1"])
        #expect(r.status == 0)
        let report = try #require(r.json["report"] as? [String: Any], "stderr: \(r.stderr)")
        #expect(report["openblas_core"] as? String == "Prescott")
        #expect(report["repair"] as? String == "failed \(family), kept Prescott")
        #expect(r.stderr.components(separatedBy: "FactorLab:").count == 2, "exactly one warning: \(r.stderr)")
        #expect(r.stderr.contains("failed the GEMM check"))
    }

    @Test("the user's OPENBLAS_CORETYPE is never overridden, and the off switch keeps the fallback with a warning")
    func respectsUser() throws {
        let user = try run(["OPENBLAS_CORETYPE": "Prescott"])
        let report = try #require(user.json["report"] as? [String: Any], "stderr: \(user.stderr)")
        #expect(report["openblas_core"] as? String == "Prescott")
        #expect(report["repair"] as? String == "none")
        #expect(!user.stderr.contains("FactorLab:"), "the user's choice needs no warning: \(user.stderr)")

        _ = try #require(Self.expectedFamily)
        let off = try run(["OPENBLAS_CORETYPE": "Prescott", KernelDecision.simulateFallbackVariable: "1",
                           KernelDecision.disableVariable: "1"])
        let offReport = try #require(off.json["report"] as? [String: Any], "stderr: \(off.stderr)")
        #expect(offReport["openblas_core"] as? String == "Prescott")
        #expect(offReport["fallback_core"] as? Bool == true)
        #expect(off.stderr.components(separatedBy: "FactorLab:").count == 2, "one warning: \(off.stderr)")
    }

    @Test("a core type OpenBLAS ignores (no DYNAMIC_ARCH) is reported as ineffective, with one warning")
    func ineffectiveCoreType() throws {
        // The state a child is in when OpenBLAS kept its own core despite OPENBLAS_CORETYPE: the
        // marker names a family that is not the one running.
        let running = BLAS.coreName
        let tried = running.lowercased() == "haswell" ? "Sandybridge" : "Haswell"
        let r = try run([KernelDecision.markerVariable: "trying:\(tried):Prescott:-"])
        let report = try #require(r.json["report"] as? [String: Any], "stderr: \(r.stderr)")
        #expect(report["openblas_core"] as? String == running)
        #expect(report["repair"] as? String == "ineffective \(tried)")
        #expect(r.stderr.components(separatedBy: "FactorLab:").count == 2, "one warning: \(r.stderr)")
        #expect(r.stderr.contains("had no effect"))
    }

    @Test("without a fallback nothing happens")
    func plainStart() throws {
        let r = try run([:])
        let report = try #require(r.json["report"] as? [String: Any], "stderr: \(r.stderr)")
        #expect(report["openblas_core"] as? String == BLAS.coreName)
        #expect(report["repair"] as? String == "none")
        #expect(r.json["check_passed"] as? Bool == true)
    }
}
