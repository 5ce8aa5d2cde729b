import ImportJobs
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_704_277_800_123, "2024-01-03T10:30:00.123Z"),
        (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-2_203_977_600_000, "1900-02-28T00:00:00.000Z"),
        (-2_203_891_200_000, "1900-03-01T00:00:00.000Z"),
        (-11_670_998_400_000, "1600-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-86_400_000, "1969-12-31T00:00:00.000Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "+010000-01-01T00:00:00.000Z"),
        (-62_135_596_800_001, "0000-12-31T23:59:59.999Z"),
        (-62_167_219_200_001, "-000001-12-31T23:59:59.999Z"),
    ])
    func formatsUTCWithMilliseconds(milliseconds: Int64, expected: String) {
        #expect(Timestamp(millisecondsSince1970: milliseconds).iso8601 == expected)
    }

    @Test func extremesDoNotCrash() {
        #expect(!Timestamp(millisecondsSince1970: .max).iso8601.isEmpty)
        #expect(!Timestamp(millisecondsSince1970: .min).iso8601.isEmpty)
    }

    @Test func consecutiveDaysFollowTheCalendar() {
        // An independent day-by-day walk from 1899-12-31 through 2101-01-02.
        var (year, month, day) = (1899, 12, 31)
        for days in Int64(-25_568)...47_848 {
            let text = Timestamp(millisecondsSince1970: days * 86_400_000).iso8601
            let expected = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)T00:00:00.000Z"
            #expect(text == expected)
            if text != expected { return }
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let length = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            day += 1
            if day > length { day = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
        }
        #expect(year == 2101 && month == 1 && day == 3)
    }

    @Test(arguments: [
        ("2024-01-03T10:30:00Z", Int64(1_704_277_800_000)),
        ("2024-01-03T10:30:00.1Z", 1_704_277_800_100),
        ("2024-01-03T10:30:00.12Z", 1_704_277_800_120),
        ("2024-01-03T10:30:00.123Z", 1_704_277_800_123),
        ("2024-01-03T10:30:00.123456Z", 1_704_277_800_123),
        ("2024-01-03T10:30:00.999999999Z", 1_704_277_800_999),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("2000-02-29T12:00:00Z", 951_825_600_000),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
    ])
    func parsesWithOrWithoutFraction(text: String, milliseconds: Int64) {
        #expect(Timestamp(iso8601: text)?.millisecondsSince1970 == milliseconds)
    }

    @Test(arguments: [
        "", "2024-01-03", "2024-01-03T10:30:00", "2024-01-03T10:30:00z", "2024-01-03t10:30:00Z",
        "2024-01-03 10:30:00Z", "2024-01-03T10:30:00+00:00", "2024-01-03T10:30:00.Z",
        "2024-01-03T10:30:00.1234567890Z", "2024-01-03T10:30Z", "2024-1-03T10:30:00Z",
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z", "2024-00-01T00:00:00Z", "2024-01-00T00:00:00Z", "2024-01-03T24:00:00Z",
        "2024-01-03T10:60:00Z", "2024-01-03T10:30:60Z", "2024-01-03T10:30:00ZZ", " 2024-01-03T10:30:00Z",
        "+2024-01-03T10:30:00Z", "２０２４-01-03T10:30:00Z", "2024-01-03T10:30:00.12a4Z",
    ])
    func rejectsOtherForms(text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    @Test func formattingAndParsingRoundTrip() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let milliseconds = Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &generator)
            let timestamp = Timestamp(millisecondsSince1970: milliseconds)
            #expect(Timestamp(iso8601: timestamp.iso8601) == timestamp)
        }
    }

    @Test func nowIsTheCurrentTime() {
        let first = Timestamp.now()
        let second = Timestamp.now()
        #expect(first.millisecondsSince1970 > 1_704_067_200_000) // after 2024-01-01
        #expect(first.millisecondsSince1970 < 4_102_444_800_000) // before 2100-01-01
        #expect(second >= first)
        #expect(second.millisecondsSince1970 - first.millisecondsSince1970 < 5_000)
    }

    @Test func comparisonAndArithmetic() {
        let early = Timestamp(millisecondsSince1970: 5)
        let late = Timestamp(millisecondsSince1970: 6)
        #expect(early < late)
        #expect(early.adding(milliseconds: 1) == late)
        #expect(late.adding(milliseconds: -1) == early)
        #expect(Timestamp(millisecondsSince1970: .max).adding(milliseconds: 1).millisecondsSince1970 == .max)
        #expect([late, early].sorted() == [early, late])
    }
}
