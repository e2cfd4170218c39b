import CKernels

/// Instruction-set features of an x86-64 processor that decide which OpenBLAS kernels can run.
/// A vector feature counts only when the operating system also saves its registers (XCR0).
public struct CPUFeatures: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let sse3 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE3))
    public static let ssse3 = CPUFeatures(rawValue: UInt32(CK_CPU_SSSE3))
    public static let sse4_1 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE4_1))
    public static let sse4_2 = CPUFeatures(rawValue: UInt32(CK_CPU_SSE4_2))
    public static let avx = CPUFeatures(rawValue: UInt32(CK_CPU_AVX))
    public static let fma = CPUFeatures(rawValue: UInt32(CK_CPU_FMA))
    public static let avx2 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX2))
    public static let avx512f = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512F))
    public static let avx512bw = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BW))
    public static let avx512dq = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512DQ))
    public static let avx512vl = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512VL))
    public static let avx512bf16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512BF16))
    public static let avx512fp16 = CPUFeatures(rawValue: UInt32(CK_CPU_AVX512FP16))
    public static let amxTile = CPUFeatures(rawValue: UInt32(CK_CPU_AMX_TILE))
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
    /// Display family and model (e.g. 6 and 207 for Emerald Rapids).
    public var family: Int
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
