/// Byte values of the ASCII characters the JSON code looks at.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let numberSign: UInt8 = 0x23
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let questionMark: UInt8 = 0x3F
    static let atSign: UInt8 = 0x40
    static let uppercaseA: UInt8 = 0x41
    static let uppercaseE: UInt8 = 0x45
    static let uppercaseF: UInt8 = 0x46
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let lowercaseA: UInt8 = 0x61
    static let lowercaseB: UInt8 = 0x62
    static let lowercaseE: UInt8 = 0x65
    static let lowercaseF: UInt8 = 0x66
    static let lowercaseN: UInt8 = 0x6E
    static let lowercaseR: UInt8 = 0x72
    static let lowercaseT: UInt8 = 0x74
    static let lowercaseU: UInt8 = 0x75
    static let leftBrace: UInt8 = 0x7B
    static let rightBrace: UInt8 = 0x7D

    /// Whether `byte` is an ASCII decimal digit.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= zero && byte <= nine
    }
}

/// Hexadecimal digit helpers shared by the parser, serializer and ids.
enum Hex {
    /// Lowercase hexadecimal digits, indexed by value.
    static let lowercaseDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of one hexadecimal digit in either case, or `nil`.
    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case ASCII.zero...ASCII.nine: return byte - ASCII.zero
        case ASCII.lowercaseA...ASCII.lowercaseF: return byte - ASCII.lowercaseA + 10
        case ASCII.uppercaseA...ASCII.uppercaseF: return byte - ASCII.uppercaseA + 10
        default: return nil
        }
    }

    /// Two lowercase hexadecimal digits for a byte, such as "0a".
    static func twoDigits(_ byte: UInt8) -> String {
        String(decoding: [lowercaseDigits[Int(byte >> 4)], lowercaseDigits[Int(byte & 0x0F)]], as: UTF8.self)
    }
}
