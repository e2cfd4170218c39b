import CKernels

/// Instruction-set features of an x86-64 processor that decide which OpenBLAS kernels can run.
/// A vector feature counts only when the operating system also saves its registers (XCR0).
public struct CPUFeatures: OptionSet, Sendable, Hashable, CustomStringConvertible {
    /// The `CK_CPU_*` bits of the C helper.
    public let rawValue: UInt32
    /// A feature set from `CK_CPU_*` bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SSE3.
    public static let sse3 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE3))
    /// Supplemental SSE3.
    public static let ssse3 = CPUFeatures(rawValue: UInt32(CK_CPU_SSSE3))
    /// SSE4.1.
    public static let sse4_1 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE4_1))
    /// SSE4.2.
    public static let sse4_2 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE4_2))
    /// AVX (256-bit float vectors).
    public static let avx = CPUFeatures(rawValue: UInt32(CK_CPU_AVX))
    /// FMA3 fused multiply-add.
    public static let fma = CPUFeatures(rawValue: UInt32(CK_CPU_FMA))
    /// AVX2 (256-bit integer vectors).
    public static let avx2 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX2))
    /// AVX-512 Foundation.
    public static let avx512f = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512F))
    /// AVX-512 byte and word instructions.
    public static let avx512bw = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BW))
    /// AVX-512 doubleword and quadword instructions.
    public static let avx512dq = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512DQ))
    /// AVX-512 vector-length extensions (128/256-bit forms).
    public static let avx512vl = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512VL))
    /// AVX512-BF16 (bfloat16 dot products).
    public static let avx512bf16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BF16))
    /// AVX512-FP16 (half precision).
    public static let avx512fp16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512FP16))
    /// AMX tile registers.
    public static let amxTile = CPUFeatures(rawValue: UInt32(CK_CPU_AMX_TILE))
    /// AMX bfloat16 tile multiply.
    public static let amxBF16 = CPUFeatures(rawValue: UInt32(CK_CPU_AMX_BF16))

    /// AVX2 with FMA: what OpenBLAS's Haswell and Zen kernels use.
    public static let avx2Family: CPUFeatures = [.avx, .avx2, .fma]
    /// AVX-512 F/BW/DQ/VL: what OpenBLAS's SkylakeX kernels use.
    public static let avx512Family: CPUFeatures = [.avx512f, .avx512bw, .avx512dq, .avx512vl]

    static let names: [(CPUFeatures, String)] = [
        (.sse3, "sse3"), (.ssse3, "ssse3"), (.sse4_1, "sse4.1"), (.sse4_2, "sse4.2"), (.avx, "avx"),
        (.fma, "fma"), (.avx2, "avx2"), (.avx512f, "avx512f"), (.avx512bw, "avx512bw"),
        (.avx512dq, "avx512dq"), (.avx512vl, "avx512vl"), (.avx512bf16, "avx512_bf16"),
        (.avx512fp16, "avx512_fp16"), (.amxTile, "amx_tile"), (.amxBF16, "amx_bf16"),
    ]

    /// Lower-case feature names as in `/proc/cpuinfo`, in a fixed order.
    public var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    /// The names joined by spaces.
    public var description: String { names.joined(separator: " ") }
}

/// The processor this process runs on, from CPUID.
public struct CPUInfo: Sendable, Hashable, CustomStringConvertible {
    /// CPUID vendor string: "GenuineIntel", "AuthenticAMD", …; empty off x86.
    public var vendor: String
    /// The brand string, e.g. "Intel(R) Xeon(R) Platinum 8480+".
    public var modelName: String
    /// Display family (base + extended; 6 for Intel Core and Xeon, 25 for AMD Zen 3/4).
    public var family: Int
    /// Display model (extended model folded in; e.g. 207 with family 6 for Emerald Rapids).
    public var model: Int
    /// Usable vector features.
    public var features: CPUFeatures

    /// A description for tests and what-if decisions.
    public init(vendor: String, modelName: String = "", family: Int = 0, model: Int = 0, features: CPUFeatures) {
        self.vendor = vendor
        self.modelName = modelName
        self.family = family
        self.model = model
        self.features = features
    }

    /// The processor running this process (read once).
    public static let current: CPUInfo = {
        var raw = ck_cpu_info()
        guard ck_cpu_info_read(&raw) == 0 else { return CPUInfo(vendor: "", features: []) }
        func string<T>(_ tuple: T) -> String {
            withUnsafeBytes(of: tuple) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
        }
        return CPUInfo(vendor: string(raw.vendor), modelName: string(raw.brand).trimmingTrailingSpaces,
                       family: Int(raw.family), model: Int(raw.model), features: CPUFeatures(rawValue: raw.features))
    }()

    /// `model name (family f model m; features)`.
    public var description: String {
        "\(modelName.isEmpty ? vendor : modelName) (family \(family) model \(model); \(features))"
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
