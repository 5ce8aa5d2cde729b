import ImportJobs
import Testing

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test func compactOutputKeepsStoredKeyOrder() {
        let value: JSONValue = ["z": 1, "a": [true, false, .null], "m": ["inner": "x"], "e": [], "o": .object(JSONObject())]
        #expect(value.serialized == #"{"z":1,"a":[true,false,null],"m":{"inner":"x"},"e":[],"o":{}}"#)
    }

    @Test func stringEscapes() {
        #expect(JSONString.escaped("plain") == #""plain""#)
        #expect(JSONString.escaped("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.escaped("\u{08}\u{0C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(JSONString.escaped("\u{0}\u{01}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(JSONString.escaped("/ \u{7F}") == "\"/ \u{7F}\"")
        #expect(JSONString.escaped("") == #""""#)
    }

    @Test func nonASCIIIsLeftAsUTF8() {
        #expect(JSONString.escaped("héllo 😀 日本") == "\"héllo 😀 日本\"")
        // A combining mark right after an escaped quote stays intact.
        #expect(JSONString.escaped("\"\u{301}x\n😀") == "\"\\\"\u{301}x\\n😀\"")
        #expect(Array(JSONString.escaped("\"\u{301}").utf8) == [0x22, 0x5C, 0x22, 0xCC, 0x81, 0x22])
    }

    @Test func appendWritesIntoAnExistingString() {
        var output = "prefix:"
        JSONString.append("a\nb", to: &output)
        #expect(output == #"prefix:"a\nb""#)
    }

    @Test func integersArePlain() {
        #expect(JSONValue.integer(0).serialized == "0")
        #expect(JSONValue.integer(-42).serialized == "-42")
        #expect(JSONValue.integer(.min).serialized == "-9223372036854775808")
        #expect(JSONValue.integer(.max).serialized == "9223372036854775807")
    }

    @Test func doublesUseShortestRoundTripText() {
        #expect(JSONValue.double(1.5).serialized == "1.5")
        #expect(JSONValue.double(100).serialized == "100.0")
        #expect(JSONValue.double(0.1 + 0.2).serialized == "0.30000000000000004")
        #expect(JSONValue.double(-0.0).serialized == "-0.0")
        #expect(JSONValue.double(1e-5).serialized == "1e-05")
        #expect(JSONValue.double(1e21).serialized == "1e+21")
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.double(.nan).serialized == "null")
        #expect(JSONValue.double(.infinity).serialized == "null")
        #expect(JSONValue.double(-.infinity).serialized == "null")
        #expect(JSONValue.array([.double(.nan), 1]).serialized == "[null,1]")
    }

    @Test(arguments: [
        #"null"#, #"true"#, #"[]"#, #"{}"#, #"-12"#, #"1.25"#, #"[1,[2,[3,[]]]]"#,
        #"{"b":{"c":[null,"\u0000"]},"a":"\"quoted\" \\ /"}"#,
        #"["\n\t\r\b\f","é😀",1e-07,-9223372036854775808]"#,
    ])
    func compactTextRoundTrips(text: String) throws {
        // Parsing then serializing canonical compact text gives it back,
        // apart from `/` and `\u` forms that are written unescaped.
        let value = try parse(text)
        #expect(try parse(value.serialized) == value)
    }

    @Test func canonicalTextIsReproducedExactly() throws {
        let text = #"{"job":"x","n":[1,2.5,-3],"nested":{"t":true,"f":false,"z":null},"s":"a\"b\\c\nd"}"#
        #expect(try parse(text).serialized == text)
    }

    @Test func everyScalarRoundTripsThroughAString() throws {
        var scalars = String.UnicodeScalarView()
        for value in UInt32(0)...0x3000 {
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        scalars.append("\u{10FFFF}")
        scalars.append("\u{1F600}")
        let original = JSONValue.string(String(scalars))
        #expect(try parse(original.serialized) == original)
    }

    @Test func objectWriteMatchesValueSerialization() {
        let object: JSONObject = ["a": 1, "b": "two"]
        var output = ""
        object.write(to: &output)
        #expect(output == #"{"a":1,"b":"two"}"#)
        #expect(object.serialized == JSONValue.object(object).serialized)
    }

    @Test func bytesAndTextAgree() throws {
        let value = try parse(#"{"a":[1,2.5,"é\n",null],"b":{"c":true}}"#)
        #expect(value.serializedBytes == Array(value.serialized.utf8))
        var bytes: [UInt8] = [0x78]
        JSONString.append("q\"\u{1}é", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"x"q\"\u0001é""#)
    }
}
