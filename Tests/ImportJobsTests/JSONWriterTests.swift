import Testing
import ImportJobs

/// The writer the access log uses directly: numbers without Foundation or `Double` formatting.
struct JSONWriterTests {
    private func written(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(capacity: 8)
        write(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test(arguments: [(0, "0.000"), (1, "0.001"), (999, "0.999"), (1000, "1.000"), (2050, "2.050"),
                      (123_456_789, "123456.789"), (-1500, "-1.500")])
    func thousandthsHaveExactlyThreeFractionDigits(value: Int, text: String) {
        #expect(written { $0.append(thousandths: value) } == text)
    }

    @Test(arguments: [(Int64(0), "0"), (7, "7"), (10, "10"), (-42, "-42"), (Int64.max, "9223372036854775807"),
                      (Int64.min, "-9223372036854775808")])
    func integersAreDecimal(value: Int64, text: String) {
        #expect(written { $0.append(integer: value) } == text)
    }

    @Test func removeAllEmptiesTheBufferForReuse() {
        var writer = JSONWriter(capacity: 8)
        writer.append(#"{"a":"#)
        writer.append(optionalString: nil)
        writer.removeAll()
        writer.append(string: "q\"")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""q\"""#)
    }
}
