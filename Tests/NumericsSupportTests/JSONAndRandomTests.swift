import Foundation
import NumericsSupport
import Testing

/// JSON text conventions and the SplitMix64 stream.
@Suite struct JSONAndRandomTests {
    @Test func numbersRoundTripAndNonFiniteAreStrings() {
        #expect(JSONNumber.format(0.1) == "0.1" && JSONNumber.format(-2) == "-2.0" && JSONNumber.format(1e-5) == "1e-05")
        #expect(JSONNumber.format(.nan) == "\"NaN\"" && JSONNumber.format(.infinity) == "\"Infinity\"")
        #expect(JSONNumber.format(-.infinity) == "\"-Infinity\"")
        for x in [0.1, 1.0 / 3, -7.25e-300, 1.7976931348623157e308, .leastNonzeroMagnitude] {
            #expect(JSONNumber.parse(JSONNumber.format(x)) == x)
        }
        #expect(JSONNumber.parse("\"NaN\"")!.isNaN && JSONNumber.parse("-Infinity") == -.infinity)
        #expect(JSONNumber.parse("nope") == nil)
    }

    @Test func stringsEscapedPerRFC8259() throws {
        #expect(JSONValue.quote("a\"b\\c\n\t\r\u{01}é") == "\"a\\\"b\\\\c\\n\\t\\r\\u0001é\"")
        // Foundation's decoder reads back what we write.
        let text = "tab\there \"quoted\" \u{1F} back\\slash"
        let decoded = try JSONSerialization.jsonObject(with: Data(("[" + JSONValue.quote(text) + "]").utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test func documentsKeepKeyOrder() {
        let doc = JSONValue.object([("b", .number(1.5)), ("a", .array([.integer(2), .null, .bool(true), .string("x")]))])
        #expect(doc.render() == "{\"b\":1.5,\"a\":[2,null,true,\"x\"]}")
        #expect(doc.render(indent: 1) == "{\n \"b\": 1.5,\n \"a\": [\n  2,\n  null,\n  true,\n  \"x\"\n ]\n}")
    }

    /// The reference splitmix64.c stream from state 0 (Vigna's published first outputs).
    @Test func splitMixMatchesReference() {
        var g = SplitMix64(state: 0)
        #expect((0..<3).map { _ in g.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        #expect(g.state == 3 &* 0x9e37_79b9_7f4a_7c15)
    }
}
