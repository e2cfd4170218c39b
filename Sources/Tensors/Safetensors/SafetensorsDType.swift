/// The element types of the safetensors format (the header's `"dtype"` strings).
///
/// All are known so any valid file can be validated; ``SafetensorsFile/tensor(_:as:allowLossyConversion:)``
/// converts the floating-point ones (F16, BF16, F32, F64) to `Float`/`Double`.
public enum SafetensorsDType: String, Sendable, CaseIterable, Codable {
    case bool = "BOOL"
    case u8 = "U8", i8 = "I8", f8e5m2 = "F8_E5M2", f8e4m3 = "F8_E4M3"
    case u16 = "U16", i16 = "I16", f16 = "F16", bf16 = "BF16"
    case u32 = "U32", i32 = "I32", f32 = "F32"
    case u64 = "U64", i64 = "I64", f64 = "F64"

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3: 1
        case .u16, .i16, .f16, .bf16: 2
        case .u32, .i32, .f32: 4
        case .u64, .i64, .f64: 8
        }
    }

    /// The tag of a ``TensorScalar`` type (`F32` for `Float`, `F64` for `Double`).
    public static func of<Scalar: TensorScalar>(_: Scalar.Type) -> SafetensorsDType {
        Scalar.self == Float.self ? .f32 : .f64
    }
}
