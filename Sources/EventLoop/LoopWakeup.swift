internal import CLibevent
import Glibc

/// A way for another thread to run a handler on this loop: the only thread-safe entry
/// point of the loop. It is a pipe whose read end the loop watches; `wake()` writes a byte.
public final class LoopWakeup: @unchecked Sendable {
    private let readDescriptor: Int32
    private let writeDescriptor: Int32
    private var event: LoopEvent?

    /// Creates the pipe; call `attach(to:handler:)` on the loop's own thread.
    public init() {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { fatalError("pipe failed") }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Runs `handler` on `loop` after each `wake()`.
    public func attach(to loop: EventLoop, handler: @escaping () -> Void) {
        let readDescriptor = self.readDescriptor
        event = loop.makeReadWatcher(readDescriptor) {
            var byte: UInt8 = 0
            while read(readDescriptor, &byte, 1) == 1 {}
            handler()
        }
        event?.enable()
    }

    /// Asks the loop to run the handler. Safe from any thread, and from a signal handler.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }
}
