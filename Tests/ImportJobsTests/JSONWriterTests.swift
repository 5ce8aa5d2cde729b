import Testing
import ImportJobs

/// The byte writers behind documents and log lines: numbers without Foundation or `Double`
/// formatting.
struct JSONWriterTests {
    @Test(arguments: [(Int64(0), "0"), (7, "7"), (10, "10"), (-42, "-42"), (Int64.max, "9223372036854775807"),
                      (Int64.min, "-9223372036854775808")])
    func integersAreDecimal(value: Int64, text: String) {
        var writer = JSONWriter(capacity: 8)
        writer.append(integer: value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == text)
    }

    @Test func bufferWriterWritesLiteralsBytesAndPaddedNumbers() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var writer = BufferWriter(buffer)
            writer.write(#"{"ms":"#)
            writer.write(UInt64(2))
            writer.write(UInt8(ascii: "."))
            writer.write(UInt64(50), width: 3)
            writer.write(",")
            writer.write(Int64(-1234))
            writer.write(UInt64(123_456), width: 3)
            let done = writer.remaining.initialize(fromContentsOf: "}".utf8)
            writer.advance(by: done)
            #expect(String(decoding: writer.written, as: UTF8.self) == #"{"ms":2.050,-1234123456}"#)
        }
    }
}
