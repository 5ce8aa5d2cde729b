#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Cryptographically strong random numbers from the kernel, fetched 4 KiB at a time.
///
/// Every call to glibc 2.36's `arc4random` is one `getrandom` system call, as is every value of
/// `SystemRandomNumberGenerator`: strace showed two per request (the request id), 12,638 calls
/// for 6,300 GETs. One `arc4random_buf` call fills a pool that lasts 256 ids. The pool is
/// shared by all loop threads behind a mutex, which is uncontended in practice.
public struct FastRandomGenerator: RandomNumberGenerator {
    private static let pool = Mutex(RandomPool())

    /// A generator; the state is the shared pool.
    public init() {}

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        Self.pool.withLock { $0.next() }
    }
}

/// Words of kernel randomness, each handed out once.
private struct RandomPool: ~Copyable {
    private static let wordCount = 512
    private let words = UnsafeMutablePointer<UInt64>.allocate(capacity: wordCount)
    private var used = wordCount

    deinit { words.deallocate() }

    mutating func next() -> UInt64 {
        if used == Self.wordCount {
            arc4random_buf(words, Self.wordCount * MemoryLayout<UInt64>.size)
            used = 0
        }
        defer { used += 1 }
        return words[used]
    }
}
