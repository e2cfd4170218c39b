import Foundation

/// Which share of a sharded run this process is, read from a scheduler's environment so one
/// command line serves every task of a Slurm job array or a Kubernetes Indexed Job.
public enum ShardAssignment {
    /// Why the environment names no usable share.
    public enum Problem: Error, Equatable, CustomStringConvertible, Sendable {
        /// Neither `SLURM_ARRAY_TASK_ID` nor `JOB_COMPLETION_INDEX` is set.
        case noSchedulerIndex
        /// A variable is set but is not a non-negative integer.
        case notAnInteger(variable: String, value: String)
        /// The number of shards is unknown (Kubernetes does not export it; give `--shard-count`).
        case missingCount(variable: String)
        /// The scheduler's count disagrees with the declared one.
        case countMismatch(scheduler: Int, declared: Int)
        /// The index falls outside 1…count after normalisation.
        case outOfRange(index: Int, count: Int)
        /// A Slurm array with a step other than 1 leaves gaps between the shares.
        case steppedArray(step: Int)

        public var description: String {
            switch self {
            case .noSchedulerIndex:
                return "--shard-from-env: neither SLURM_ARRAY_TASK_ID (Slurm job array) nor JOB_COMPLETION_INDEX (Kubernetes Indexed Job) is set"
            case let .notAnInteger(v, s): return "--shard-from-env: \(v)='\(s)' is not a non-negative integer"
            case let .missingCount(v): return "--shard-from-env: \(v) gives the index but not the number of shards; pass --shard-count N"
            case let .countMismatch(s, d): return "--shard-from-env: the scheduler runs \(s) tasks but --shard-count is \(d)"
            case let .outOfRange(i, n): return "--shard-from-env: task index \(i) is outside 1…\(n) (array must be contiguous, e.g. --array=0-\(n - 1))"
            case let .steppedArray(s): return "--shard-from-env: SLURM_ARRAY_TASK_STEP is \(s); use a contiguous array (step 1)"
            }
        }
    }

    /// The share named by `environment`: Slurm's `SLURM_ARRAY_TASK_ID` relative to
    /// `SLURM_ARRAY_TASK_MIN` (so `--array=0-3` and `--array=1-4` both give shares 1…4) with
    /// `SLURM_ARRAY_TASK_COUNT`, or Kubernetes' 0-based `JOB_COMPLETION_INDEX` with `declaredCount`.
    /// Slurm wins when both are set. A declared count must agree with Slurm's.
    public static func fromEnvironment(_ environment: [String: String], declaredCount: Int?) throws -> FoldShare {
        func int(_ name: String) throws -> Int? {
            guard let s = environment[name] else { return nil }
            guard let v = Int(s.trimmingCharacters(in: .whitespaces)), v >= 0 else { throw Problem.notAnInteger(variable: name, value: s) }
            return v
        }
        let index: Int, count: Int
        if let id = try int("SLURM_ARRAY_TASK_ID") {
            if let step = try int("SLURM_ARRAY_TASK_STEP"), step != 1 { throw Problem.steppedArray(step: step) }
            let min = try int("SLURM_ARRAY_TASK_MIN") ?? 0
            let slurmCount = try int("SLURM_ARRAY_TASK_COUNT")
            if let s = slurmCount, let d = declaredCount, s != d { throw Problem.countMismatch(scheduler: s, declared: d) }
            guard let n = slurmCount ?? declaredCount else { throw Problem.missingCount(variable: "SLURM_ARRAY_TASK_ID") }
            index = id - min + 1
            count = n
        } else if let k = try int("JOB_COMPLETION_INDEX") {
            guard let n = declaredCount else { throw Problem.missingCount(variable: "JOB_COMPLETION_INDEX") }
            index = k + 1
            count = n
        } else {
            throw Problem.noSchedulerIndex
        }
        guard count >= 1, (1...count).contains(index) else { throw Problem.outOfRange(index: index, count: count) }
        return FoldShare(index: index, count: count)
    }
}
