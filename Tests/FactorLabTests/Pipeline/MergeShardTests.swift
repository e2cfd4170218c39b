import Foundation
import Testing
@testable import FactorLab

/// `merge` accepts only shards of one run: same input bytes (wherever they live), no gaps unless
/// asked, and names the share to re-run. OLS only, no tuning: fast.
@Suite(.serialized) struct MergeShardTests {
    static func config() -> PipelineConfig {
        var c = PipelineTests.config()
        c.models = ["ols"]
        c.tuning = .off
        return c
    }

    /// Runs share i/3 of `config()` on `inputs` into a new directory.
    static func shard(_ i: Int, _ inputs: ResearchInputs) throws -> String {
        var c = config()
        c.foldShare = FoldShare(index: i, count: 3)
        let d = try PipelineTests.tempDir()
        try ResearchRun.execute(inputs: inputs, config: c, outDir: d, progress: .silent)
        return d
    }

    @Test(.blasThreads(1)) func shardsAreCheckedByContentAndGapsAreNamed() throws {
        let fm = FileManager.default
        let original = try PipelineTests.inputs()
        let work = try PipelineTests.tempDir()
        // The same bytes under another path (another node's mount): still one run.
        let copy = work + "/copy.csv", changed = work + "/changed.csv"
        try fm.copyItem(atPath: original.dataPath, toPath: copy)
        let moved = try ResearchInputs.load(dataPath: copy, indexPath: original.indexPath, progress: .silent)
        let s1 = try Self.shard(1, original), s2 = try Self.shard(2, moved), s3 = try Self.shard(3, original)
        defer { for d in [work, s1, s2, s3] { try? fm.removeItem(atPath: d) } }
        let record = try RunRecord.read(path: s2 + "/run.json")
        #expect(record.dataSHA256 == OutputManifest.digest(fm.contents(atPath: original.dataPath)!))
        #expect(record.indexSHA256 != nil)

        #expect(try ResearchRun.merge(directories: [s3, s1, s2], outDir: work + "/all", progress: .silent) != nil)

        // A gap is refused and the share that fills it named; --partial merges what is there.
        #expect(record.totalFolds >= 2)
        do {
            try ResearchRun.merge(directories: [s1, s3], outDir: work + "/gap", progress: .silent)
            Issue.record("a merge with a missing shard succeeded")
        } catch let e as PipelineError {
            #expect("\(e)".contains("fold 2 of \(record.totalFolds) missing") && "\(e)".contains("re-run --fold 2/3"), "\(e)")
        }
        #expect(try ResearchRun.merge(directories: [s1, s3], outDir: work + "/partial", allowPartial: true, progress: .silent) == nil)

        // Different bytes, even with the same number of folds, are another run.
        // The last row's volume gains a trailing digit: other bytes, same dates and folds.
        var lines = try String(contentsOfFile: copy, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let last = lines.lastIndex { !$0.isEmpty }!
        lines[last] += "0"
        try lines.joined(separator: "\n").write(toFile: changed, atomically: true, encoding: .utf8)
        let other = try Self.shard(2, ResearchInputs.load(dataPath: changed, indexPath: original.indexPath, progress: .silent))
        defer { try? fm.removeItem(atPath: other) }
        do {
            try ResearchRun.merge(directories: [s1, other, s3], outDir: work + "/mixed", progress: .silent)
            Issue.record("shards of different data merged")
        } catch let e as PipelineError {
            #expect("\(e)".contains("different input data"), "\(e)")
        }
    }
}
