import Synchronization

/// The buffers of one pass workspace (``LSTMWorkspace``, ``GroupedLSTMWorkspace``): 64-byte
/// aligned (whole cache lines, aligned vector loads in the kernels), freed together when the
/// workspace goes away.
final class WorkspaceStorage<Scalar: TensorScalar> {
    private var allocations: [UnsafeMutablePointer<Scalar>] = []

    /// A new buffer of `count` scalars (at least one), filled with zeros.
    func zeroed(_ count: Int) -> UnsafeMutablePointer<Scalar> {
        let p = uninitialized(count)
        p.initialize(repeating: 0, count: max(count, 1))
        return p
    }

    /// A new buffer of `count` scalars (at least one) for data that every pass writes before it
    /// reads it: zeroing tens of megabytes per shape would cost more than a training step.
    func uninitialized(_ count: Int) -> UnsafeMutablePointer<Scalar> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Scalar>.stride, alignment: 64)
        let p = raw.bindMemory(to: Scalar.self, capacity: max(count, 1))
        allocations.append(p)
        return p
    }

    deinit {
        for p in allocations { UnsafeMutableRawPointer(p).deallocate() }
    }
}

/// The inference workspace of one model value, reused across calls of the same shape.
/// Concurrent callers never wait: whoever finds the lock taken uses a private workspace.
final class WorkspaceCache<Workspace: AnyObject & Sendable>: Sendable {
    private let slot = Mutex<Workspace?>(nil)

    /// Runs `body` on the cached workspace (replaced by `make()` unless it `matches`), or on a
    /// fresh private one when another caller holds the cache.
    func withWorkspace<R>(make: () -> Workspace, matches: (Workspace) -> Bool, _ body: (Workspace) -> R) -> R {
        let cached: R? = slot.withLockIfAvailable { current -> R? in
            if current == nil || !matches(current!) {
                current = nil
                current = make()
            }
            return body(current!)
        } ?? nil
        if let cached { return cached }
        return body(make())
    }
}
