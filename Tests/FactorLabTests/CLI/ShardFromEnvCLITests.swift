import Foundation
import Testing
@testable import FactorLab

/// `factorlab run --shard-from-env` as a scheduler starts it: the same command line under a Slurm
/// array task and a Kubernetes Indexed Job picks its share, and `merge` of the two equals one run.
@Suite(.serialized) struct ShardFromEnvCLITests {
    /// Every scheduler variable cleared, then `set` applied (the test may itself run under Slurm).
    static func environment(_ set: [String: String]) -> [String: String?] {
        var env: [String: String?] = [:]
        for k in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_COUNT",
                  "SLURM_ARRAY_TASK_STEP", "JOB_COMPLETION_INDEX"] { env[k] = .some(nil) }
        for (k, v) in set { env[k] = v }
        return env
    }

    static func factorlab(_ arguments: [String], _ set: [String: String] = [:]) throws -> ExecutableRunner.Outcome {
        try ExecutableRunner.run(arguments, environment: environment(set), timeout: 120)
    }

    @Test func slurmAndKubernetesSharesMergeToTheSingleRun() throws {
        let root = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func args(_ out: String) -> [String] { OutputFaultInjectionTests.runArguments(out: root + "/" + out, seed: 3) }

        let slurm = try Self.factorlab(args("a") + ["--shard-from-env"],
                                       ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let k8s = try Self.factorlab(args("b") + ["--shard-from-env", "--shard-count", "2"], ["JOB_COMPLETION_INDEX": "0"])
        #expect(k8s.status == 0, "\(k8s.stderr)")
        #expect(try RunRecord.read(path: root + "/a/run.json").config.foldShare == FoldShare(index: 2, count: 2))
        #expect(try RunRecord.read(path: root + "/b/run.json").config.foldShare == FoldShare(index: 1, count: 2))

        let single = try Self.factorlab(args("single"))
        let merge = try Self.factorlab(["merge", root + "/a", root + "/b", "--out", root + "/merged", "--quiet"])
        #expect(single.status == 0 && merge.status == 0, "\(single.stderr)\(merge.stderr)")
        for f in ["summary.json", "predictions.csv"] {
            #expect(FileManager.default.contents(atPath: root + "/single/" + f) == FileManager.default.contents(atPath: root + "/merged/" + f), "\(f)")
        }

        // Outside a scheduler, or with a count that disagrees, it refuses before running.
        let none = try Self.factorlab(args("c") + ["--shard-from-env"])
        #expect(none.status == 64 && none.stderr.contains("neither SLURM_ARRAY_TASK_ID"), "\(none.status) \(none.stderr)")
        let wrong = try Self.factorlab(args("d") + ["--shard-from-env", "--shard-count", "3"],
                                       ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(wrong.status == 64 && wrong.stderr.contains("the scheduler runs 2 tasks but --shard-count is 3"), "\(wrong.stderr)")
        // Only the missing share is named.
        let gap = try Self.factorlab(["merge", root + "/a", "--out", root + "/gap", "--quiet"])
        #expect(gap.status == 1 && gap.stderr.contains("re-run --fold 1/2"), "\(gap.stderr)")
    }

    @Test func sweepPointSharesMergeToEveryPoint() throws {
        let root = try PipelineTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: root) }
        func sweep(_ share: String, seed: String = "42", out: String? = nil) throws -> [SweepPoint] {
            let dir = out ?? root + "/" + share.replacingOccurrences(of: "/", with: "-")
            let run = try Self.factorlab(["sweep", "--data", TestData.path("small_ohlcv.csv"), "--out", dir,
                                          "--points", "2:1,3:1,4:1", "--point", share, "--window", "10", "--horizon", "5", "--train-days", "150",
                                          "--validation-days", "40", "--test-days", "40", "--top-k", "3", "--random-portfolios", "5",
                                          "--max-factors", "4", "--threads", "1", "--seed", seed, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            return try RunDirectory(dir).sweep().map(\.point)
        }
        #expect(try sweep("1/2") == [SweepPoint(hidden: 2, epochs: 1), SweepPoint(hidden: 4, epochs: 1)])
        #expect(try sweep("2/2") == [SweepPoint(hidden: 3, epochs: 1)])
        let merge = try Self.factorlab(["merge", root + "/1-2", root + "/2-2", "--out", root + "/m", "--quiet"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try RunDirectory(root + "/m").sweep().map(\.point.hidden) == [2, 3, 4])
        #expect(try RunDirectory(root + "/m").sweepRecord().config.foldShare == nil)
        // A missing share is named with the --point that re-creates it; a repeated one and a share
        // of another sweep (other seed) are refused.
        let missing = try Self.factorlab(["merge", root + "/1-2", "--out", root + "/m1", "--quiet"])
        #expect(missing.status == 1 && missing.stderr.contains("sweep points h3·e1 of 3 missing: re-run --point 2/2"), "\(missing.stderr)")
        let twice = try Self.factorlab(["merge", root + "/1-2", root + "/1-2", root + "/2-2", "--out", root + "/m2", "--quiet"])
        #expect(twice.status == 1 && twice.stderr.contains("appears twice"), "\(twice.stderr)")
        _ = try sweep("2/2", seed: "7", out: root + "/other")
        let other = try Self.factorlab(["merge", root + "/1-2", root + "/other", "--out", root + "/m3", "--quiet"])
        #expect(other.status == 1 && other.stderr.contains("not a share of the same sweep"), "\(other.stderr)")
    }
}
