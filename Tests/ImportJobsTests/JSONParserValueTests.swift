import ImportJobs
import Testing

@Suite("JSON parser: accepted values")
struct JSONParserValueTests {
    @Test func literals() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
    }

    @Test func whitespaceAroundTheValueIsAllowed() throws {
        #expect(try parse(" \t\r\n 42 \n\t") == .integer(42))
        #expect(try parse("[ 1 , 2 ]") == [1, 2])
        #expect(try parse("{ \"a\" : 1 }") == ["a": 1])
    }

    @Test(arguments: [
        ("0", JSONValue.integer(0)),
        ("-0", .integer(0)),
        ("7", .integer(7)),
        ("-123", .integer(-123)),
        ("9223372036854775807", .integer(.max)),
        ("-9223372036854775808", .integer(.min)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("-9223372036854775809", .double(-9_223_372_036_854_775_808)),
        ("123456789012345678901234567890", .double(1.2345678901234568e29)),
        ("1.5", .double(1.5)),
        ("-0.0", .double(-0.0)),
        ("1e3", .double(1000)),
        ("1E+2", .double(100)),
        ("2.5e-3", .double(0.0025)),
        ("0.1", .double(0.1)),
        ("1e-400", .double(0)),
        ("1.7976931348623157e308", .double(.greatestFiniteMagnitude)),
    ])
    func numbers(text: String, expected: JSONValue) throws {
        #expect(try parse(text) == expected)
    }

    @Test func integerVersusDoubleIsKeptApart() throws {
        #expect(try parse("100") == .integer(100))
        #expect(try parse("100.0") == .double(100))
        #expect(try parse("100") != parse("100.0"))
    }

    @Test func simpleEscapes() throws {
        let value = try parse(#""\" \\ \/ \b \f \n \r \t""#)
        #expect(value == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try parse(#""\u00e9\u00E9""#) == .string("éé"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try parse(#""\uffff""#) == .string("\u{FFFF}"))
        #expect(try parse(#""a\u0041b""#) == .string("aAb"))
    }

    @Test func surrogatePairsJoinIntoOneScalar() throws {
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""\ud834\udd1e""#) == .string("𝄞"))
        #expect(try parse(#""x\uDBFF\uDFFFy""#) == .string("x\u{10FFFF}y"))
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try parse("\"héllo 😀 日本\"") == .string("héllo 😀 日本"))
        #expect(try parse("\"\u{7F}\"") == .string("\u{7F}"))
    }

    @Test func nestedContainersKeepOrder() throws {
        let value = try parse(#"{"z":[1,{"y":null}],"a":{},"m":[]}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["z"] == [1, ["y": .null]])
        #expect(object["a"] == .object(JSONObject()))
        #expect(object["m"] == .array([]))
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONParser.maximumDepth
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try parse(arrays) }
        let objects = String(repeating: "{\"a\":", count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
        #expect(throws: Never.self) { try parse(objects) }
    }

    @Test func acceptsAnyByteCollection() throws {
        let bytes = Array("xx[1,2]yy".utf8)
        #expect(try JSONParser.parse(bytes[2..<7]) == [1, 2])
        #expect(try JSONParser.parse(ContiguousArray("true".utf8)) == true)
        #expect(try JSONParser.parse("\"s\"".utf8) == "s")
        #expect(try JSONParser.parse("{}") == .object(JSONObject()))
    }

    @Test func largeObjectsParseAndLookUpQuickly() throws {
        let count = 20_000
        let body = (0..<count).map { "\"key\($0)\":\($0)" }.joined(separator: ",")
        let object = try #require(try parse("{" + body + "}").objectValue)
        #expect(object.count == count)
        #expect(object["key0"] == 0)
        #expect(object["key19999"] == 19_999)
        #expect(object["missing"] == nil)
    }

    @Test func doublesMatchTheStandardLibraryBitForBit() throws {
        var generator = SeededGenerator(seed: 99)
        var texts = ["0.1", "0.2", "0.3", "1e22", "1e23", "9007199254740993.0", "9007199254740992e-22",
                     "2.2250738585072014e-308", "4.9e-324", "123456789012345678901234567890.5", "-0.0", "0e5",
                     "1.7976931348623157e308", "0.000000000000000000000000000001", "17.5e-1", "3.14159265358979323846"]
        for _ in 0..<20_000 {
            let integerPart = String(UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator))
            let fraction = String(UInt32.random(in: 0...UInt32.max, using: &generator) >> UInt32.random(in: 0...31, using: &generator))
            let exponent = Int.random(in: -40...40, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            texts.append("\(sign)\(integerPart).\(fraction)e\(exponent)")
            texts.append("\(sign)\(integerPart).\(fraction)")
        }
        for text in texts {
            let expected = try #require(Double(text))
            guard case .double(let parsed) = try parse(text) else {
                Issue.record("\(text) did not parse as a double")
                continue
            }
            #expect(parsed.bitPattern == expected.bitPattern, "\(text)")
        }
    }
}
