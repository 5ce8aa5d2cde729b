internal import CLibevent
import Glibc

/// One libevent `event_base`: the single loop that runs HTTP, Redis and timers.
///
/// Everything that touches the loop must run on the thread that created it;
/// bridge entry points call `preconditionInEventLoop()` to catch mistakes early.
public final class EventLoop {
    /// The `struct event_base *`, for the bridges in this package only.
    package let base: OpaquePointer
    private let thread: pthread_t

    /// Creates a loop owned by the calling thread.
    public init() {
        guard let base = event_base_new() else {
            fatalError("event_base_new failed: out of memory or no usable backend")
        }
        self.base = base
        self.thread = pthread_self()
    }

    deinit {
        event_base_free(base)
    }

    /// True when called on the thread that owns this loop.
    public var inEventLoop: Bool {
        pthread_equal(pthread_self(), thread) != 0
    }

    /// Traps when called from any thread but the loop's own.
    public func preconditionInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        precondition(inEventLoop, "called off the event loop's thread", file: file, line: line)
    }

    /// Runs the loop until `stop()` is called or nothing is left to wait for.
    public func run() {
        preconditionInEventLoop()
        event_base_dispatch(base)
    }

    /// Makes `run()` return after the current callbacks finish.
    public func stop() {
        preconditionInEventLoop()
        event_base_loopbreak(base)
    }

    /// Milliseconds on a monotonic clock: for deadlines, never for dates.
    public static func monotonicMilliseconds() -> Int64 {
        monotonicNanoseconds() / 1_000_000
    }

    /// Nanoseconds on a monotonic clock: for measuring durations.
    public static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
