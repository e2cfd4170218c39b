/// JSON string literals for the files and reports this module writes (safetensors headers,
/// regression output). The escaping itself is ``JSONValue/quote(_:)`` in NumericsSupport; this
/// internal name stays so the safetensors writer need not change while it is being reworked.
enum JSONText {
    /// A JSON string literal for `text` (RFC 8259 escaping, ``JSONValue/quote(_:)``).
    static func string(_ text: String) -> String { JSONValue.quote(text) }
}
