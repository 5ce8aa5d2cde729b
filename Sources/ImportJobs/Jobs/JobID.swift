/// Job identifiers: random (version 4) UUIDs in lowercase text form.
public enum JobID {
    /// The length of a UUID in text form.
    public static let length = 36

    /// A new random UUID version 4, lowercase, such as
    /// `1b4e28ba-2fa1-41d2-883f-0016d3cca427`.
    public static func generate() -> String {
        var generator = FastRandomGenerator()
        return generate(using: &generator)
    }


    /// A new UUID version 4 whose 122 random bits come from `generator`.
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        // Version nibble (byte 6) = 4; variant bits (byte 8) = 10.
        let high = (generator.next() as UInt64) & ~0xF000 | 0x4000
        let low = (generator.next() as UInt64) & ~(0xC0 << 56) | (0x80 << 56)
        return String(unsafeUninitializedCapacity: length) { buffer in
            // Straight-line and allocation-free: this runs for every request without an
            // X-Request-ID. A dash follows hex digits 8, 12 and 16 of the first word and 4 of the second.
            var written = 0
            func write(_ word: UInt64, dashesAfter: UInt32) {
                for position in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * position)) & 0xF
                    buffer[written] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
                    written += 1
                    if dashesAfter & (1 << position) != 0 {
                        buffer[written] = ASCII.minus
                        written += 1
                    }
                }
            }
            write(high, dashesAfter: 1 << 7 | 1 << 11 | 1 << 15)
            write(low, dashesAfter: 1 << 3)
            return written
        }
    }

    /// Whether `text` is a UUID in 8-4-4-4-12 form (hexadecimal digits in
    /// either case; any version).
    public static func isValid(_ text: String) -> Bool {
        // A concrete String overload: the generic one below is not specialized across
        // modules, and this check runs on every request that names a job.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == length else { return false }
            for (index, byte) in bytes.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard byte == ASCII.minus else { return false }
                } else if Hex.value(of: byte) == nil {
                    return false
                }
            }
            return true
        }
    }

    /// Whether `text` is a UUID in the 8-4-4-4-12 hex form (either case).
    public static func isValid(_ text: some StringProtocol) -> Bool {
        var count = 0
        for byte in text.utf8 {
            guard count < length else { return false }
            if count == 8 || count == 13 || count == 18 || count == 23 {
                guard byte == ASCII.minus else { return false }
            } else if Hex.value(of: byte) == nil {
                return false
            }
            count += 1
        }
        return count == length
    }

    /// The lowercase form of `text` when it is a valid UUID, else `nil`.
    /// Stored job ids are lowercase, so look-ups should use this form.
    public static func normalized(_ text: some StringProtocol) -> String? {
        guard isValid(text) else { return nil }
        return String(text).lowercased()
    }
}
