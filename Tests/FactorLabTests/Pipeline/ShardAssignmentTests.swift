import Testing
@testable import FactorLab

/// The scheduler environment → share mapping that `--shard-from-env` uses.
struct ShardAssignmentTests {
    typealias P = ShardAssignment.Problem

    @Test func slurmArraysFromZeroAndFromOneGiveTheSameShares() throws {
        for (min, ids) in [(0, 0...3), (1, 1...4)] {
            let shares = try ids.map {
                try ShardAssignment.fromEnvironment(["SLURM_ARRAY_TASK_ID": "\($0)", "SLURM_ARRAY_TASK_MIN": "\(min)",
                                                     "SLURM_ARRAY_TASK_MAX": "\(ids.upperBound)", "SLURM_ARRAY_TASK_COUNT": "4"],
                                                    declaredCount: nil)
            }
            #expect(shares == (1...4).map { FoldShare(index: $0, count: 4) })
        }
    }

    @Test func kubernetesIndexNeedsTheDeclaredCount() throws {
        #expect(try ShardAssignment.fromEnvironment(["JOB_COMPLETION_INDEX": "2"], declaredCount: 3) == FoldShare(index: 3, count: 3))
        #expect(throws: P.missingCount(variable: "JOB_COMPLETION_INDEX")) {
            try ShardAssignment.fromEnvironment(["JOB_COMPLETION_INDEX": "2"], declaredCount: nil)
        }
        #expect(throws: P.outOfRange(index: 4, count: 3)) {
            try ShardAssignment.fromEnvironment(["JOB_COMPLETION_INDEX": "3"], declaredCount: 3)
        }
    }

    @Test func badEnvironmentsAreNamed() throws {
        #expect(throws: P.noSchedulerIndex) { try ShardAssignment.fromEnvironment(["PATH": "/bin"], declaredCount: 2) }
        #expect(throws: P.notAnInteger(variable: "SLURM_ARRAY_TASK_ID", value: "x")) {
            try ShardAssignment.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "2"], declaredCount: nil)
        }
        #expect(throws: P.countMismatch(scheduler: 4, declared: 3)) {
            try ShardAssignment.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "4"], declaredCount: 3)
        }
        #expect(throws: P.steppedArray(step: 2)) {
            try ShardAssignment.fromEnvironment(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_STEP": "2"],
                                                declaredCount: nil)
        }
        // Slurm wins over a stray Kubernetes variable.
        #expect(try ShardAssignment.fromEnvironment(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "0"],
                                                    declaredCount: 2) == FoldShare(index: 2, count: 2))
    }
}
