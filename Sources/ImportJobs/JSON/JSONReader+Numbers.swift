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
        // Accumulate negatively so that Int64.min is representable.
        var negativeMagnitude: Int64 = 0
        var fitsInteger = true
        if first == ASCII.zero {
            position += 1
            if let next = current, ASCII.isDigit(next) {
                throw error("invalid number; leading zeros are not allowed", at: start)
            }
        } else {
            while let byte = current, ASCII.isDigit(byte) {
                if fitsInteger {
                    let (shifted, overflowA) = negativeMagnitude.multipliedReportingOverflow(by: 10)
                    let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(byte - ASCII.zero))
                    negativeMagnitude = next
                    fitsInteger = !overflowA && !overflowB
                }
                position += 1
            }
        }

        var isInteger = true
        if current == ASCII.period {
            isInteger = false
            position += 1
            try skipDigits(after: "the decimal point")
        }
        if current == ASCII.lowercaseE || current == ASCII.uppercaseE {
            isInteger = false
            position += 1
            if current == ASCII.plus || current == ASCII.minus { position += 1 }
            try skipDigits(after: "the exponent")
        }

        if isInteger && fitsInteger {
            if isNegative { return .integer(negativeMagnitude) }
            let (positive, overflow) = Int64(0).subtractingReportingOverflow(negativeMagnitude)
            if !overflow { return .integer(positive) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw error("number is out of range", at: start)
        }
        return .double(number)
    }

    private mutating func skipDigits(after place: String) throws(JSONParseError) {
        guard let byte = current, ASCII.isDigit(byte) else {
            throw error("invalid number; expected a digit after \(place)")
        }
        while let next = current, ASCII.isDigit(next) {
            position += 1
        }
    }
}
