import XCTest
@testable import RedisBridge

final class RedisEncodingTests: XCTestCase {
    func testCommandIsEncodedAsARESPArray() {
        let command = RedisCommand(["SET", "import:job:1", "{\"a\":\"é\"}", "EX", "86400"])
        let expected = "*5\r\n$3\r\nSET\r\n$12\r\nimport:job:1\r\n$10\r\n{\"a\":\"é\"}\r\n$2\r\nEX\r\n$5\r\n86400\r\n"
        XCTAssertEqual(String(decoding: command.encoded, as: UTF8.self), expected)
    }

    func testEmptyArgumentIsKept() {
        XCTAssertEqual(String(decoding: RedisCommand(["GET", ""]).encoded, as: UTF8.self), "*2\r\n$3\r\nGET\r\n$0\r\n\r\n")
    }

    func testLengthsOfEveryWidthAreEncoded() {
        let words = (0..<12).map { String(repeating: "x", count: [0, 9, 10, 99, 100, 12_345][$0 % 6]) }
        var expected = "*12\r\n"
        for word in words { expected += "$\(word.utf8.count)\r\n\(word)\r\n" }
        let encoded = RedisCommand(words).encoded
        XCTAssertEqual(encoded.count, expected.utf8.count)
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), expected)
    }

    func testScriptNameMatchesRedisSHA1() {
        // Values from `printf %s ... | sha1sum`.
        XCTAssertEqual(SHA1.hexDigest(Array("".utf8)), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(RedisScript("return 1").sha1, "e0e1f9fabfc9d4800c877a703b823ac0578ff8db")
        let long = String(repeating: "redis.call('PING') ", count: 20)
        XCTAssertEqual(RedisScript(long).sha1.count, 40)
        XCTAssertNotEqual(RedisScript(long).sha1, RedisScript(long + " ").sha1)
    }
}
