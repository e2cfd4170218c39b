#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// One parallel loop in flight: the chunks are handed out through an atomic counter,
/// so a fast thread simply takes more of them (no static partitioning).
final class ParallelJob: @unchecked Sendable {
    // The closure is non-escaping at the call site; `WorkerPool.run` keeps it alive
    // only until every participant has returned, so sharing it is sound.
    let body: (Int) -> Void
    let chunkCount: Int
    let next = Atomic<Int>(0)

    init(body: @escaping (Int) -> Void, chunkCount: Int) {
        self.body = body
        self.chunkCount = chunkCount
    }

    func drain() {
        while true {
            let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
            if i >= chunkCount { return }
            body(i)
        }
    }
}

/// A fixed set of long-lived worker threads that run coarse-grained loops together
/// with the calling thread.
///
/// Workers are created on demand (never more than `BLAS.threads − 1`) and then sleep on
/// a condition variable between loops. Only one loop runs at a time; a loop started
/// while another is in flight (nested or from another thread) runs serially on its
/// caller instead of waiting, so the pool can neither deadlock nor oversubscribe.
final class WorkerPool: @unchecked Sendable {
    // pthread primitives (not Swift Mutex) because the workers must block on a
    // condition variable; every field below `lock` is guarded by it.
    static let shared = WorkerPool()

    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let wake: UnsafeMutablePointer<pthread_cond_t>
    private let finished: UnsafeMutablePointer<pthread_cond_t>
    private var workerCount = 0
    private var generation = 0
    private var job: ParallelJob?
    private var helpers = 0
    private var pending = 0
    private let busy = Atomic<Bool>(false)

    private init() {
        lock = .allocate(capacity: 1)
        wake = .allocate(capacity: 1)
        finished = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(finished, nil)
    }

    /// Runs `body(0..<chunkCount)` on the caller plus up to `threads − 1` workers; returns when all are done.
    func run(chunkCount: Int, threads: Int, _ body: (Int) -> Void) {
        let helperCount = min(threads, chunkCount) - 1
        guard helperCount > 0,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for i in 0..<chunkCount { body(i) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { escapable in
            let job = ParallelJob(body: escapable, chunkCount: chunkCount)
            pthread_mutex_lock(lock)
            while workerCount < helperCount { spawnWorker(index: workerCount); workerCount += 1 }
            self.job = job
            helpers = helperCount
            pending = helperCount
            generation &+= 1
            pthread_cond_broadcast(wake)
            pthread_mutex_unlock(lock)

            job.drain()

            pthread_mutex_lock(lock)
            while pending > 0 { pthread_cond_wait(finished, lock) }
            self.job = nil
            pthread_mutex_unlock(lock)
        }
    }

    /// Called with `lock` held.
    private func spawnWorker(index: Int) {
        // The worker must treat the loop about to be published as new, even if it only
        // gets the lock after `generation` was bumped: hand it the current value.
        let context = Unmanaged.passRetained(WorkerContext(pool: self, index: index, seen: generation)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
            context.pool.workerLoop(index: context.index, seen: context.seen)
            return nil
        }, context)
        precondition(status == 0, "WorkerPool: pthread_create failed with status \(status)")
        pthread_detach(thread)
    }

    private func workerLoop(index: Int, seen start: Int) {
        var seen = start
        pthread_mutex_lock(lock)
        while true {
            while generation == seen { pthread_cond_wait(wake, lock) }
            seen = generation
            guard let job, index < helpers else { continue }
            pthread_mutex_unlock(lock)
            // MXCSR is per thread: bring this worker in line with the process-wide choice.
            FloatingPointEnvironment.applyProcessSetting()
            job.drain()
            pthread_mutex_lock(lock)
            pending -= 1
            if pending == 0 { pthread_cond_signal(finished) }
        }
    }
}

private final class WorkerContext: @unchecked Sendable {
    let pool: WorkerPool
    let index: Int
    let seen: Int
    init(pool: WorkerPool, index: Int, seen: Int) { self.pool = pool; self.index = index; self.seen = seen }
}
