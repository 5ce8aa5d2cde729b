internal import CLibevent


/// A timer or signal watcher on an `EventLoop`.
///
/// The object owns its libevent `struct event`: dropping it cancels the event, so no
/// callback can ever reach a freed handler. The C callback finds the Swift object through
/// an unretained pointer, which is safe because `deinit` frees the event first.
public final class LoopEvent {
    private let loop: EventLoop
    private var event: OpaquePointer?
    private let handler: () -> Void

    fileprivate init(loop: EventLoop, fd: Int32, flags: Int16, handler: @escaping () -> Void) {
        self.loop = loop
        self.handler = handler
        let context = Unmanaged.passUnretained(self).toOpaque()
        event = event_new(loop.base, fd, flags, { _, _, context in
            guard let context else { return }
            Unmanaged<LoopEvent>.fromOpaque(context).takeUnretainedValue().handler()
        }, context)
        precondition(event != nil, "event_new failed")
    }

    deinit {
        if let event { event_free(event) }
    }

    /// Arms the event; a timer fires once after `milliseconds` (or every period if repeating).
    public func schedule(afterMilliseconds milliseconds: Int) {
        loop.preconditionInEventLoop()
        var delay = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        event_add(event, &delay)
    }

    /// Arms a signal watcher (signals need no delay).
    public func enable() {
        loop.preconditionInEventLoop()
        event_add(event, nil)
    }

    /// Disarms the event; it can be armed again later.
    public func cancel() {
        loop.preconditionInEventLoop()
        event_del(event)
    }

    /// True while the event is armed.
    public var isPending: Bool {
        event_pending(event, Int16(EV_TIMEOUT | EV_SIGNAL), nil) != 0
    }
}

extension EventLoop {
    /// A timer that calls `handler` on this loop; arm it with `schedule(afterMilliseconds:)`.
    public func makeTimer(repeating: Bool = false, _ handler: @escaping () -> Void) -> LoopEvent {
        preconditionInEventLoop()
        return LoopEvent(loop: self, fd: -1, flags: repeating ? Int16(EV_PERSIST) : 0, handler: handler)
    }

    /// A watcher that calls `handler` on this loop whenever `descriptor` is readable.
    public func makeReadWatcher(_ descriptor: Int32, _ handler: @escaping () -> Void) -> LoopEvent {
        preconditionInEventLoop()
        return LoopEvent(loop: self, fd: descriptor, flags: Int16(EV_READ | EV_PERSIST), handler: handler)
    }

    /// A watcher for `signal` that calls `handler` on this loop each time it arrives.
    public func makeSignalWatcher(_ signal: Int32, _ handler: @escaping () -> Void) -> LoopEvent {
        preconditionInEventLoop()
        return LoopEvent(loop: self, fd: signal, flags: Int16(EV_SIGNAL | EV_PERSIST), handler: handler)
    }
}
