import ImportJobs
import Testing

/// Parses UTF-8 text, failing the test on error.
func parse(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

/// The parse error for `bytes`, or `nil` when they parse.
func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// The parse error for UTF-8 `text`, or `nil` when it parses.
func parseError(_ text: String) -> JSONParseError? {
    parseError(Array(text.utf8))
}

/// The validation errors of a result, or `nil` when it succeeded.
func failures<Success>(_ result: Result<Success, ValidationErrors>) -> [FieldError]? {
    if case .failure(let errors) = result { return errors.fieldErrors }
    return nil
}

/// The success value of a result, or `nil` when it failed.
func success<Success>(_ result: Result<Success, ValidationErrors>) -> Success? {
    if case .success(let value) = result { return value }
    return nil
}

/// A small, seedable generator (SplitMix64) so that randomized tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

extension ImportJob: CustomTestStringConvertible {
    /// A short label for parameterized test output.
    public var testDescription: String {
        "\(status.rawValue) \(sourceType.rawValue) job \(jobID)"
    }
}
