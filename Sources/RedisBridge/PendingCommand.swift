/// A command sent to hiredis and not yet answered.
///
/// hiredis holds it as retained `privdata` from the send until its reply callback, which
/// hiredis calls exactly once: with the reply, or with NULL when the connection goes.
/// The completion runs at most once: a timeout may answer first, and the late reply is dropped.
final class PendingCommand {
    /// When it was sent, on the monotonic clock in nanoseconds.
    let sentAt: Int64
    /// When it times out, on the monotonic clock in milliseconds.
    let deadline: Int64
    private var completion: RedisCompletion?

    init(sentAt: Int64, timeoutMilliseconds: Int, completion: @escaping RedisCompletion) {
        self.sentAt = sentAt
        self.deadline = sentAt / 1_000_000 + Int64(timeoutMilliseconds)
        self.completion = completion
    }

    var isCompleted: Bool { completion == nil }

    func complete(_ result: Result<RedisReply, RedisFailure>) {
        guard let completion else { return }
        self.completion = nil
        completion(result)
    }
}

/// The commands in flight, oldest first; replies arrive in the same order (RESP pipelining).
struct PendingQueue {
    private var entries: [PendingCommand] = []
    private var head = 0

    var isEmpty: Bool { head == entries.count }
    var oldest: PendingCommand? { isEmpty ? nil : entries[head] }

    mutating func append(_ entry: PendingCommand) {
        entries.append(entry)
    }

    /// Removes `entry`, which is the oldest unless the queue was cleared meanwhile.
    mutating func remove(_ entry: PendingCommand) {
        if let oldest, oldest === entry {
            head += 1
        } else if let index = entries[head...].firstIndex(where: { $0 === entry }) {
            entries.remove(at: index)
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// The entries past their deadline at `now`, oldest first.
    func expired(at now: Int64) -> [PendingCommand] {
        Array(entries[head...].prefix { $0.deadline <= now })
    }
}
