import Foundation
import Quant
import Testing
@testable import FactorLab

/// Run directories are published as verified sets (library level; the process-level faults are in
/// ``OutputFaultInjectionTests``).
@Suite(.serialized) struct OutputSetTests {
    static func config(seed: UInt64 = 7) -> PipelineConfig {
        var c = PipelineTests.config()
        c.models = ["ols"]
        c.tuning = .off
        c.seed = seed
        return c
    }

    @Test func aRunReadsBackVerifiedAndTamperingIsRefused() throws {
        let inputs = try PipelineTests.inputs()
        let out = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try ResearchRun.execute(inputs: inputs, config: Self.config(), outDir: out, progress: .silent)
        let dir = try RunDirectory(out)
        let manifest = try dir.manifest()
        // A complete one-seed run: the whole run set but the per-seed predictions (`--seeds` > 1 only).
        #expect(Set(manifest.files.map(\.name)) == Set(RunDirectory.File.runSet.filter { $0 != .seedPredictions }.map(\.rawValue)))
        #expect(Set(manifest.files.map(\.writeID)).count == 1)
        #expect(try dir.record().config == Self.config())
        #expect(try dir.predictions(panel: inputs.panel)["ols"]!.contains { $0.isFinite })
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!names.contains { $0.hasPrefix(".staging-") || $0.contains(".tmp-") })
        // A changed byte is refused, naming the file.
        var text = try String(contentsOfFile: dir.path(of: .predictions), encoding: .utf8)
        text = text.replacingOccurrences(of: "ols,", with: "ols,9")
        try text.write(toFile: dir.path(of: .predictions), atomically: false, encoding: .utf8)
        #expect(throws: OutputError.self) { try dir.predictions(panel: inputs.panel) }
        do { _ = try dir.predictions(panel: inputs.panel) } catch { #expect("\(error)".contains("predictions.csv")) }
        // No manifest: nothing is trusted.
        try FileManager.default.removeItem(atPath: out + "/" + RunDirectory.manifestName)
        #expect(throws: OutputError.self) { try dir.record() }
        #expect(throws: OutputError.self) { try ResearchRun.merge(directories: [out], outDir: out + "-merged", progress: .silent) }
    }

    /// A partial (`--fold`) run over a complete one removes the old equity.csv (same set), and a
    /// sweep written earlier into the directory stays listed and valid (other set).
    @Test func setsReplaceTheirOwnFilesOnly() throws {
        let inputs = try PipelineTests.inputs()
        let out = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let dir = try RunDirectory(out)
        let point = SweepOutcome.unavailable(SweepPoint(hidden: 4, epochs: 1), reason: "test")
        try dir.writeSweep([point])
        try ResearchRun.execute(inputs: inputs, config: Self.config(), outDir: out, progress: .silent)
        #expect(dir.contains(.equity))
        var partial = Self.config()
        partial.foldShare = FoldShare(index: 1, count: 2)
        #expect(try ResearchRun.execute(inputs: inputs, config: partial, outDir: out, progress: .silent) == nil)
        #expect(!dir.contains(.equity))
        #expect(try dir.record().config.foldShare == partial.foldShare)
        #expect(try dir.sweep().map(\.point) == [point.point])
        #expect(try dir.manifest().entry("sweep.json") != nil && dir.manifest().entry("equity.csv") == nil)
    }

    @Test func unusableOutputDirectoriesFailBeforeAnyWork() throws {
        let base = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let file = base + "/plain-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: OutputError.unusable(path: file, reason: "it exists and is not a directory")) { try RunDirectory(file).prepare() }
        #expect(throws: OutputError.self) { try RunDirectory(file + "/sub").prepare() }
        #expect(throws: OutputError.self) { try RunDirectory("") }
        // The lock is re-entrant within a process and exclusive across processes (tested there).
        let dir = try RunDirectory(base + "/out")
        let a = try dir.prepare(), b = try dir.prepare()
        b.release(); a.release()
    }
}
