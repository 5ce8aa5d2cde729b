#if canImport(Glibc)
import Glibc
#endif

/// Random numbers from glibc's `arc4random_buf`: a ChaCha20 generator reseeded from the
/// kernel, so cryptographically strong, but without a system call per value.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` call per 64-bit value, which was the
/// largest single cost of answering a request (two calls per id).
public struct FastRandomGenerator: RandomNumberGenerator {
    /// A generator; it keeps no state of its own.
    public init() {}

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        var value: UInt64 = 0
        arc4random_buf(&value, MemoryLayout<UInt64>.size)
        return value
    }
}
