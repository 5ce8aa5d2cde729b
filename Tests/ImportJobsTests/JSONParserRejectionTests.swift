import ImportJobs
import Testing

@Suite("JSON parser: rejected input")
struct JSONParserRejectionTests {
    @Test(arguments: [
        "", "   ", "1 2", "{} x", "[1]]", "nul", "tru", "True", "NULL", "undefined",
        "// c\n1", "/* c */ 1", "[1 /* c */]", "# c\n1",
        "[1,]", "{\"a\":1,}", "[,1]", "[1,,2]", "{,}", "[", "]", "{", "}", "{\"a\"}", "{\"a\":}",
        "{\"a\" 1}", "{a:1}", "{'a':1}", "['a']", "{1:2}", "[1 2]", "{\"a\":1 \"b\":2}",
        "01", "-01", "00", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-Infinity",
        "1.e3", "--1", "1ee3", "\u{0C}1", "\u{A0}1",
        "\"abc", "\"\\", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\U0041\"", "\"\\'\"",
    ])
    func rejectsMalformedText(text: String) {
        let error = parseError(text)
        #expect(error != nil, "accepted \(text.debugDescription)")
        #expect(error?.message.isEmpty == false)
    }

    @Test func errorsSayWhatAndWhere() throws {
        let trailingComma = try #require(parseError("[1,]"))
        #expect(trailingComma.offset == 3)
        #expect(trailingComma.message.contains("']'"))

        let garbage = try #require(parseError("{} x"))
        #expect(garbage.offset == 3)
        #expect(garbage.message.contains("end of input"))

        let empty = try #require(parseError(""))
        #expect(empty.offset == 0)
        #expect(empty.message.contains("end of input"))

        let leadingZero = try #require(parseError("[01]"))
        #expect(leadingZero.offset == 1)
        #expect(leadingZero.message.contains("leading zeros"))
    }

    @Test func unescapedControlCharactersInStringsAreRejected() throws {
        for byte in UInt8(0)..<0x20 {
            let error = try #require(parseError([0x22, 0x61, byte, 0x22]))
            #expect(error.offset == 2)
            #expect(error.message.contains("control character"))
        }
    }

    @Test func loneSurrogatesAreRejected() throws {
        for text in [#""\uD800""#, #""\uD83Dx""#, #""\uD83D\u0041""#, #""\uD83D\uD83D""#, #""\uDE00""#, #""\uDFFF\uD800""#] {
            let error = try #require(parseError(text), "accepted \(text)")
            #expect(error.message.contains("surrogate"))
            #expect(error.offset == 1)
        }
    }

    @Test(arguments: [
        [0xFF] as [UInt8], [0xFE], [0x80], [0xBF], // stray bytes
        [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xF0, 0x80, 0x80, 0x80], // overlong
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], // encoded surrogates
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], // above U+10FFFF
        [0xE2, 0x82], [0xC3], [0xF0, 0x9F, 0x98], // truncated
        [0xC3, 0x41], [0xE2, 0x28, 0xA1], // bad continuation
    ])
    func invalidUTF8InStringsIsRejected(sequence: [UInt8]) throws {
        let error = try #require(parseError([0x22, 0x61] + sequence + [0x22]))
        #expect(error.message.contains("UTF-8"))
        #expect(error.offset == 2)
    }

    @Test func nonASCIIBytesOutsideStringsAreRejected() {
        #expect(parseError([0xEF, 0xBB, 0xBF, 0x31]) != nil) // byte order mark
        #expect(parseError([0x5B, 0xC3, 0xA9, 0x5D]) != nil)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() throws {
        let depth = JSONParser.maximumDepth + 1
        for (open, close) in [("[", "]"), ("{\"k\":", "}")] {
            let text = String(repeating: open, count: depth - 1) + "[]" + String(repeating: close, count: depth - 1)
            let error = try #require(parseError(text))
            #expect(error.message.contains("nesting"))
        }
        let hostile = try #require(parseError(String(repeating: "[", count: 1_000_000)))
        #expect(hostile.message.contains("nesting"))
        #expect(hostile.offset == JSONParser.maximumDepth)
    }

    @Test func duplicateKeysAreRejected() throws {
        let error = try #require(parseError(#"{"a":1,"b":2,"a":3}"#))
        #expect(error.message.contains("duplicate"))
        #expect(error.message.contains("\"a\""))
        #expect(error.offset == 13)
        // The same key spelled with an escape is still the same key.
        #expect(parseError(#"{"a":1,"\u0061":2}"#) != nil)
        // Equal keys in different objects are fine.
        #expect(parseError(#"{"a":{"a":1},"b":{"a":2}}"#) == nil)
    }

    @Test func duplicateKeysAreFoundInLargeObjects() {
        var members = (0..<500).map { "\"k\($0)\":\($0)" }
        members.append("\"k250\":0")
        let error = parseError("{" + members.joined(separator: ",") + "}")
        #expect(error?.message.contains("duplicate") == true)
    }

    @Test func numbersBeyondDoubleRangeAreRejected() {
        #expect(parseError("1e400")?.message.contains("out of range") == true)
        #expect(parseError("-1e400") != nil)
        #expect(parseError("[" + String(repeating: "9", count: 400) + "]") != nil)
    }

    @Test func randomMutationsNeverCrash() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        let corpus = [
            #"{"source_type":"jira","source_config":{"base_url":"https://x.atlassian.net","email":"a@b.c"},"options":{"batch_size":100}}"#,
            #"[1,-2.5e3,true,false,null,"\u00e9\uD83D\uDE00",{"a":[{}]}]"#,
            #"{"status":"processing","progress":{"total_items":10,"processed_items":3},"error":null}"#,
        ].map { Array($0.utf8) }
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789.eE+-tfn \u{0}".utf8) + [0x80, 0xC3, 0xED, 0xFF]
        var accepted = 0
        for round in 0..<20_000 {
            var bytes = corpus[round % corpus.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                let byte = interesting.randomElement(using: &generator)!
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[position] = byte
                case 1: bytes.insert(byte, at: position)
                default: if bytes.count > 1 { bytes.remove(at: position) }
                }
            }
            if let value = try? JSONParser.parse(bytes) {
                accepted += 1
                // Whatever is accepted must serialize to JSON that parses back equal.
                #expect(try JSONParser.parse(value.serialized.utf8) == value)
            }
        }
        #expect(accepted > 0)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0..<64, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? JSONParser.parse(bytes)
        }
    }
}
