extension Timestamp {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The UTC time in ISO 8601 with milliseconds, such as
    /// `2024-01-03T10:30:00.123Z`. Years outside 0000...9999 use the
    /// expanded form with a sign and at least six digits (`+010000-…`).
    public var iso8601: String {
        String(unsafeUninitializedCapacity: Self.maximumISO8601Length) { buffer in
            writeISO8601(into: buffer)
        }
    }

    /// Appends ``iso8601`` to `output`.
    public func writeISO8601(to output: inout String) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumISO8601Length) { buffer in
            let count = writeISO8601(into: buffer)
            output.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self))
        }
    }

    /// Sign, nine year digits (the most `Int64` milliseconds can reach) and
    /// the twenty characters from "-MM" through "Z".
    public static let maximumISO8601Length = 32

    /// Writes the ASCII bytes of ``iso8601`` into `buffer`, which must hold
    /// ``maximumISO8601Length`` bytes, and returns how many there are.
    public func writeISO8601(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var days = millisecondsSince1970 / Self.millisecondsPerDay
        var remainder = millisecondsSince1970 % Self.millisecondsPerDay
        if remainder < 0 {
            days -= 1
            remainder += Self.millisecondsPerDay
        }
        let date = CivilDate(daysSince1970: days)
        var writer = BufferWriter(buffer)
        if (0...9999).contains(date.year) {
            writer.write(UInt64(date.year), width: 4)
        } else {
            writer.write(date.year < 0 ? ASCII.minus : ASCII.plus)
            writer.write(date.year.magnitude, width: 6)
        }
        writer.write(ASCII.minus)
        writer.write(UInt64(date.month), width: 2)
        writer.write(ASCII.minus)
        writer.write(UInt64(date.day), width: 2)
        writer.write(UInt8(ascii: "T"))
        writer.write(UInt64(remainder / 3_600_000), width: 2)
        writer.write(ASCII.colon)
        writer.write(UInt64(remainder / 60_000 % 60), width: 2)
        writer.write(ASCII.colon)
        writer.write(UInt64(remainder / 1000 % 60), width: 2)
        writer.write(ASCII.period)
        writer.write(UInt64(remainder % 1000), width: 3)
        writer.write(UInt8(ascii: "Z"))
        return writer.count
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (UTC only, 1 to 9 fraction
    /// digits, truncated to milliseconds). Returns `nil` for any other form
    /// or for an impossible date or time such as February 30th.
    public init?(iso8601 text: String) {
        var utf8 = text.utf8.makeIterator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        while let byte = utf8.next() {
            guard bytes.count < 32 else { return nil }
            bytes.append(byte)
        }
        guard bytes.count >= 20,
              let year = Self.number(bytes, 0, 4), bytes[4] == ASCII.minus,
              let month = Self.number(bytes, 5, 2), bytes[7] == ASCII.minus,
              let day = Self.number(bytes, 8, 2), bytes[10] == UInt8(ascii: "T"),
              let hour = Self.number(bytes, 11, 2), bytes[13] == ASCII.colon,
              let minute = Self.number(bytes, 14, 2), bytes[16] == ASCII.colon,
              let second = Self.number(bytes, 17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...CivilDate.daysInMonth(month, year: year)).contains(day),
              hour < 24, minute < 60, second < 60
        else { return nil }

        var index = 19
        var milliseconds: Int64 = 0
        if bytes[index] == ASCII.period {
            index += 1
            let fractionStart = index
            while index < bytes.count, ASCII.isDigit(bytes[index]) {
                if index - fractionStart < 3 {
                    milliseconds = milliseconds * 10 + Int64(bytes[index] - ASCII.zero)
                }
                index += 1
            }
            let digits = index - fractionStart
            guard (1...9).contains(digits) else { return nil }
            for _ in digits..<max(digits, 3) { milliseconds *= 10 }
        }
        guard index == bytes.count - 1, bytes[index] == UInt8(ascii: "Z") else { return nil }

        let days = CivilDate(year: year, month: month, day: day).daysSince1970
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        self.init(millisecondsSince1970: seconds * 1000 + milliseconds)
    }

    /// The decimal number in `bytes[start..<start+width]`, or `nil` when any
    /// of those bytes is not a digit.
    private static func number(_ bytes: [UInt8], _ start: Int, _ width: Int) -> Int64? {
        var value: Int64 = 0
        for index in start..<(start + width) {
            guard ASCII.isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int64(bytes[index] - ASCII.zero)
        }
        return value
    }
}
