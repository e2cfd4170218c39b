import Foundation
import Quant
import Testing
@testable import FactorLab

/// The output set through the real `factorlab` executable under faults: `kill -9` at every write
/// step, a full disk (a small tmpfs, where the test may mount one) and two writers at once. After
/// each, the directory holds one verified set or none that any reader accepts — never a mixture.
@Suite(.serialized) struct OutputFaultInjectionTests {
    static func factorlab(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 120) throws -> ExecutableRunner.Outcome {
        try ExecutableRunner.run(arguments, environment: environment.mapValues { Optional($0) }, timeout: timeout)
    }

    /// A fast run (OLS only, no tuning) of the 12-stock test panel; `seed` tells runs apart.
    static func runArguments(out: String, seed: Int) -> [String] {
        ["run", "--data", TestData.path("small_ohlcv.csv"), "--index", TestData.path("small_index.csv"), "--out", out,
         "--models", "ols", "--tune", "off", "--window", "10", "--horizon", "5", "--train-days", "150", "--validation-days", "40",
         "--test-days", "40", "--top-k", "3", "--random-portfolios", "5", "--max-factors", "4", "--threads", "1",
         "--seed", "\(seed)", "--quiet"]
    }

    /// The seed of the set in `out`, or nil when no complete set is there. Fails the test when a
    /// set is published but its files do not verify (a mixture).
    static func publishedSeed(_ out: String, panel: MarketPanel) -> UInt64? {
        guard let dir = try? RunDirectory(out), let manifest = try? dir.manifest() else { return nil }
        do {
            let record = try dir.record()
            _ = try dir.predictions(panel: panel)
            for f in RunDirectory.File.runSet where dir.contains(f) {
                #expect(manifest.entry(f.rawValue) != nil, "\(f.rawValue) present but not in the manifest")
            }
            let ids = Set(manifest.files.filter { RunDirectory.File.runSet.map(\.rawValue).contains($0.name) }.map(\.writeID))
            #expect(ids.count == 1, "run-set files from \(ids.count) writes")
            let summary = try String(contentsOfFile: dir.path(of: .summary), encoding: .utf8)
            #expect(summary.contains("\"seed\": \(record.config.seed)"), "summary.json from another run than run.json")
            return record.config.seed
        } catch {
            Issue.record("published set does not verify: \(error)")
            return nil
        }
    }

    @Test func killAtEveryWriteStepNeverLeavesAMixedSet() throws {
        let panel = try PipelineTests.inputs().panel
        let out = try PipelineTests.tempDir(), saved = out + "-saved"
        let fm = FileManager.default
        defer { for d in [out, saved, out + "-merged"] { try? fm.removeItem(atPath: d) } }
        let first = try Self.factorlab(Self.runArguments(out: out, seed: 1))
        try #require(first.status == 0, "\(first.stderr)")
        #expect(Self.publishedSeed(out, panel: panel) == 1)
        try fm.copyItem(atPath: out, toPath: saved)
        // 7 files staged (run, predictions, summary, equity, report, benchmark.md, benchmark.json), the
        // manifest removed, one stale file removed (predictions-seeds.csv, which a one-seed run does
        // not write), 7 renames, the manifest renamed: 17 steps.
        var sawIncomplete = false
        for step in 1...17 {
            let killed = try Self.factorlab(Self.runArguments(out: out, seed: 2), environment: ["FACTORLAB_FAULT_INJECTION": "kill-at=\(step)"])
            #expect(killed.signalled && killed.status == SIGKILL, "step \(step): \(killed.status) \(killed.stderr)")
            let seed = Self.publishedSeed(out, panel: panel)
            if step <= 7 { #expect(seed == 1, "step \(step): the previous set must survive a kill while staging") }
            if seed == nil {
                sawIncomplete = true
                let merge = try Self.factorlab(["merge", out, "--out", out + "-merged", "--quiet"])
                #expect(merge.status == 1 && merge.stderr.contains("not a complete factorlab output"), "step \(step): \(merge.stderr)")
            }
            if step == 17 {
                // The next run clears the killed writer's leftovers and publishes its own set.
                let again = try Self.factorlab(Self.runArguments(out: out, seed: 1))
                try #require(again.status == 0, "\(again.stderr)")
                #expect(Self.publishedSeed(out, panel: panel) == 1)
                let names = try fm.contentsOfDirectory(atPath: out)
                #expect(!names.contains { $0.hasPrefix(".staging-") }, "staging left behind: \(names)")
            } else {
                try fm.removeItem(atPath: out)
                try fm.copyItem(atPath: saved, toPath: out)
            }
        }
        #expect(sawIncomplete, "some kill point must fall between removing the old manifest and writing the new one")
    }

    @Test func aSecondWriterFailsAtOnceAndTheFirstSetStaysWhole() throws {
        let panel = try PipelineTests.inputs().panel
        let out = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let slow = Process()
        slow.executableURL = ExecutableRunner.factorlab
        slow.arguments = Self.runArguments(out: out, seed: 3)
        var env = ProcessInfo.processInfo.environment
        env["FACTORLAB_FAULT_INJECTION"] = "pause=4"
        slow.environment = env
        slow.standardError = FileHandle.nullDevice
        slow.standardOutput = FileHandle.nullDevice
        try slow.run()
        // Wait until the slow writer holds the lock (it takes it before computing).
        let lockPath = out + "/" + RunDirectory.lockFileName
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: lockPath) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        Thread.sleep(forTimeInterval: 0.3)
        let second = try Self.factorlab(Self.runArguments(out: out, seed: 4))
        #expect(second.status == 1 && second.stderr.contains("another factorlab process is writing"), "\(second.status) \(second.stderr)")
        slow.waitUntilExit()
        #expect(slow.terminationStatus == 0)
        #expect(Self.publishedSeed(out, panel: panel) == 3)
    }

    /// Whether this process may mount a tmpfs (root on Linux, as in CI); the full-disk test needs one.
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("fl-tmpfs-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? Self.shell("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe])) == 0 else { return false }
        _ = try? Self.shell("umount", [probe])
        return true
    }()

    static func shell(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test(.enabled(if: canMountTmpfs, "needs root to mount a small tmpfs")) func aFullDiskKeepsThePreviousSet() throws {
        let panel = try PipelineTests.inputs().panel
        let scratch = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // Size the disk from a real set: room for one set and a little, not for a second staged beside it.
        let probe = scratch + "/probe"
        try #require(try Self.factorlab(Self.runArguments(out: probe, seed: 1)).status == 0)
        let setBytes = try FileManager.default.contentsOfDirectory(atPath: probe).reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: probe + "/" + name)[.size] as? Int) ?? 0)
        }
        let disk = scratch + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        let kib = setBytes * 3 / 2 / 1024 + 64
        try #require(try Self.shell("mount", ["-t", "tmpfs", "-o", "size=\(kib)k", "tmpfs", disk]) == 0)
        defer { _ = try? Self.shell("umount", [disk]) }
        let out = disk + "/out"
        let first = try Self.factorlab(Self.runArguments(out: out, seed: 1))
        try #require(first.status == 0, "\(first.stderr)")
        let full = try Self.factorlab(Self.runArguments(out: out, seed: 2))
        #expect(full.status == 1 && full.stderr.contains("No space left on device") && full.stderr.contains("unchanged"), "\(full.status) \(full.stderr)")
        #expect(!full.signalled)
        #expect(Self.publishedSeed(out, panel: panel) == 1)
        let names = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!names.contains { $0.hasPrefix(".staging-") || $0.contains(".tmp-") }, "\(names)")
    }
}
