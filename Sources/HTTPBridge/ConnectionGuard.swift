internal import CLibevent
import EventLoop
import Glibc

/// Caps open connections and cuts off clients too slow to send a complete request.
///
/// evhttp 2.1 has neither: its timeout restarts on every byte, so a client sending one byte a
/// second holds a connection forever. evhttp lets us create each connection's bufferevent
/// (`evhttp_set_bevcb`); the guard keeps a reference on it, so it can look at the connection
/// safely until it lets go. A connection must deliver each complete request within the
/// deadline, counted from when it opened or from its previous reply; one that does not, or
/// one over the cap, is shut down, and evhttp then frees it as it would on a client hang-up.
final class ConnectionGuard {
    private struct Connection {
        var deadline: Int64
        var requestsInProgress = 0
        var isCut = false
    }

    private let loop: EventLoop
    private let maximumConnections: Int
    private let deadlineMilliseconds: Int64
    private var connections: [OpaquePointer: Connection] = [:]
    private lazy var sweepTimer = loop.makeTimer(repeating: true) { [unowned self] in self.sweep() }

    init(loop: EventLoop, maximumConnections: Int, deadlineSeconds: Int) {
        self.loop = loop
        self.maximumConnections = maximumConnections
        self.deadlineMilliseconds = Int64(deadlineSeconds) * 1000
    }

    deinit {
        // evhttp has been freed by now (the server frees it first): these are the last references.
        for bufferevent in connections.keys { bufferevent_decref(bufferevent) }
    }

    /// A new connection's bufferevent, as evhttp's bevcb; over the cap it is cut at once.
    func makeBufferevent() -> OpaquePointer? {
        guard let bufferevent = bufferevent_socket_new(loop.base, -1, Int32(BEV_OPT_CLOSE_ON_FREE.rawValue)) else {
            return nil
        }
        bufferevent_incref(bufferevent)
        let now = EventLoop.monotonicMilliseconds()
        let overCap = connections.count >= maximumConnections
        connections[bufferevent] = Connection(deadline: overCap ? now : now + deadlineMilliseconds)
        if !sweepTimer.isPending { sweepTimer.schedule(afterMilliseconds: 250) }
        return bufferevent
    }

    /// A complete request arrived on the connection of `bufferevent`.
    func requestStarted(on bufferevent: OpaquePointer?) {
        guard let bufferevent else { return }
        connections[bufferevent]?.requestsInProgress += 1
    }

    /// The reply to a request on that connection was sent: the next deadline starts now.
    func requestAnswered(on bufferevent: OpaquePointer?) {
        guard let bufferevent, let index = connections.index(forKey: bufferevent) else { return }
        connections.values[index].requestsInProgress -= 1
        connections.values[index].deadline = EventLoop.monotonicMilliseconds() + deadlineMilliseconds
    }

    /// Lets go of connections evhttp has freed, and cuts those past their deadline.
    private func sweep() {
        let now = EventLoop.monotonicMilliseconds()
        for (bufferevent, connection) in connections {
            // A request still being handled keeps its connection's entry (and reference), so the
            // address cannot be reused by a new connection while the request points at it.
            if ConnectionGuard.isReleasedByEvhttp(bufferevent) && connection.requestsInProgress == 0 {
                connections[bufferevent] = nil
                bufferevent_decref(bufferevent)
            } else if !connection.isCut && connection.requestsInProgress == 0 && now >= connection.deadline {
                let descriptor = bufferevent_getfd(bufferevent)
                if descriptor >= 0 { shutdown(descriptor, Int32(SHUT_RDWR)) }
                connections[bufferevent]?.isCut = true
            }
        }
        if connections.isEmpty { sweepTimer.cancel() }
    }

    /// bufferevent_free clears the callbacks before dropping evhttp's reference. (The read
    /// callback alone would not do: evhttp clears it while it writes a reply; the event
    /// callback it keeps for the connection's whole life.)
    private static func isReleasedByEvhttp(_ bufferevent: OpaquePointer) -> Bool {
        var eventCallback: bufferevent_event_cb?
        bufferevent_getcb(bufferevent, nil, nil, &eventCallback, nil)
        return eventCallback == nil
    }
}
