extension JSONReader {
    /// Reads a number per the RFC 8259 grammar. Integers that fit `Int64`
    /// become `.integer`; numbers with a fraction or exponent, or too large
    /// for `Int64`, become `.double`. Numbers beyond `Double`'s range are
    /// rejected rather than turned into infinity.
    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let isNegative = current == ASCII.minus
        if isNegative { position += 1 }

        guard let first = current, ASCII.isDigit(first) else {
            throw error("invalid number; expected a digit", at: position)
        }
        var decimal = DecimalDigits()
        if first == ASCII.zero {
            position += 1
            if let next = current, ASCII.isDigit(next) {
                throw error("invalid number; leading zeros are not allowed", at: start)
            }
        } else {
            while let byte = current, ASCII.isDigit(byte) {
                decimal.add(byte - ASCII.zero, isFraction: false)
                position += 1
            }
        }

        var isInteger = true
        if current == ASCII.period {
            isInteger = false
            position += 1
            try requireDigit(after: "the decimal point")
            while let byte = current, ASCII.isDigit(byte) {
                decimal.add(byte - ASCII.zero, isFraction: true)
                position += 1
            }
        }
        if current == ASCII.lowercaseE || current == ASCII.uppercaseE {
            isInteger = false
            position += 1
            let exponentIsNegative = current == ASCII.minus
            if current == ASCII.plus || current == ASCII.minus { position += 1 }
            try requireDigit(after: "the exponent")
            var exponent = 0
            while let byte = current, ASCII.isDigit(byte) {
                exponent = min(exponent * 10 + Int(byte - ASCII.zero), 100_000)
                position += 1
            }
            decimal.exponent += exponentIsNegative ? -exponent : exponent
        }

        if isInteger, let integer = decimal.integer(isNegative: isNegative) {
            return .integer(integer)
        }
        if let exact = decimal.exactDouble {
            return .double(isNegative ? -exact : exact)
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw error("number is out of range", at: start)
        }
        return .double(number)
    }

    private func requireDigit(after place: String) throws(JSONParseError) {
        guard let byte = current, ASCII.isDigit(byte) else {
            throw error("invalid number; expected a digit after \(place)")
        }
    }
}

/// The digits of a number as `significand × 10^exponent`, kept while they
/// fit in 19 decimal digits.
private struct DecimalDigits {
    private static let maximumDigits = 19
    /// 10^0 ... 10^22, every one exactly representable as a `Double`.
    private static let powersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    var significand: UInt64 = 0
    var digitCount = 0
    var exponent = 0
    var isTruncated = false

    mutating func add(_ digit: UInt8, isFraction: Bool) {
        guard digitCount < Self.maximumDigits else {
            isTruncated = true
            return
        }
        significand = significand * 10 + UInt64(digit)
        if significand > 0 { digitCount += 1 }
        if isFraction { exponent -= 1 }
    }

    /// The value as an `Int64` when it is a whole number in range.
    func integer(isNegative: Bool) -> Int64? {
        guard !isTruncated, exponent == 0 else { return nil }
        if isNegative {
            if significand == UInt64(Int64.max) + 1 { return .min }
            return Int64(exactly: significand).map { -$0 }
        }
        return Int64(exactly: significand)
    }

    /// The value computed with one correctly rounded multiplication or
    /// division (Clinger's fast path), when that is exact: a significand of
    /// at most 2^53 and a power of ten of at most 22.
    var exactDouble: Double? {
        guard !isTruncated, significand <= 1 << 53, (-22...22).contains(exponent) else { return nil }
        let value = Double(significand)
        return exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
    }
}
