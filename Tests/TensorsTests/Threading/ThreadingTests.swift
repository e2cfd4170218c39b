import CBLAS
import Synchronization
import Testing
@testable import Tensors

/// Everything that changes process-global state (`BLAS.threads`, flush-to-zero) lives
/// in this one serialised suite and restores what it changed.
@Suite(.serialized) struct ProcessGlobalStateTests {
    @Test func parallelForEachRunsEveryChunkOnce() {
        BLAS.withThreads(2) {
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 37)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0)
            Parallel.forEach(chunkCount: 37) { i in counts[i] += 1 }
            #expect(counts.allSatisfy { $0 == 1 })
            // Nested loops fall back to serial execution instead of deadlocking.
            let total = Atomic<Int>(0)
            Parallel.forEach(chunkCount: 4) { _ in
                Parallel.forEach(chunkCount: 5) { _ in total.wrappingAdd(1, ordering: .relaxed) }
            }
            #expect(total.load(ordering: .relaxed) == 20)
        }
    }

    @Test func chunkRangesPartitionTheIndexRange() {
        let ranges = (0..<4).map { Parallel.range(ofChunk: $0, count: 10, chunkCount: 4) }
        #expect(ranges == [0..<3, 3..<6, 6..<8, 8..<10])
        #expect(Parallel.range(ofChunk: 2, count: 2, chunkCount: 3).isEmpty)
    }

    @Test func threadsSettingReachesOpenBLAS() {
        let previous = BLAS.threads
        BLAS.withThreads(1) { #expect(openblas_get_num_threads() == 1) }
        #expect(BLAS.threads == previous)
    }

    /// The product 1e-20 · 1e-22 = 1e-42 is subnormal in `Float`: with FTZ it becomes 0.
    @Test func flushToZeroReachesPoolWorkers() {
        BLAS.withThreads(2) {
            for enabled in [true, false] {
                FloatingPointEnvironment.flushesDenormals = enabled
                let flushed = UnsafeMutableBufferPointer<Int>.allocate(capacity: 8)
                defer { flushed.deallocate() }
                flushed.initialize(repeating: -1)
                Parallel.forEach(chunkCount: 8) { i in
                    flushed[i] = opaqueProduct(1e-20, 1e-22) == 0 ? 1 : 0
                }
                #expect(flushed.allSatisfy { $0 == (enabled ? 1 : 0) })
                #expect(FloatingPointEnvironment.currentThreadFlushesDenormals == enabled)
            }
        }
        #expect(!FloatingPointEnvironment.flushesDenormals)
    }

    /// An sgemm large enough for OpenBLAS to thread, whose every result is subnormal
    /// (64 · 1e-42). Turning FTZ on and then off again must leave no flushed columns:
    /// OpenBLAS workers that kept FTZ would zero the part of C they compute.
    @Test func flushToZeroReachesOpenBLASWorkers() {
        let m = 1024, n = 1024, k = 64
        let a = [Float](repeating: 1e-20, count: m * k), b = [Float](repeating: 1e-22, count: k * n)
        var c = [Float](repeating: 1, count: m * n)
        func multiply() {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        1, a, Int32(k), b, Int32(n), 0, &c, Int32(n))
        }
        BLAS.withThreads(2) {
            FloatingPointEnvironment.withFlushToZero {
                multiply()
                #expect(c.allSatisfy { $0 == 0 })
            }
            #expect(!FloatingPointEnvironment.currentThreadFlushesDenormals)
            multiply()
            #expect(c.allSatisfy { $0 != 0 && $0.isSubnormal })
            // Switching FTZ off while OpenBLAS runs one thread must still reach the
            // workers that a later thread-count increase brings back.
            FloatingPointEnvironment.flushesDenormals = true
            multiply()
            BLAS.withThreads(1) { FloatingPointEnvironment.flushesDenormals = false }
            multiply()
            #expect(c.allSatisfy { $0 != 0 && $0.isSubnormal })
        }
    }
}

/// Keeps the optimiser from folding the product at compile time.
@inline(never) func opaqueProduct(_ a: Float, _ b: Float) -> Float { a * b }
