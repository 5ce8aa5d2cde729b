import ImportJobs
import RedisBridge

/// Jobs in Redis: each operation is one command or one script, so one round trip.
final class JobStore {
    private let redis: RedisConnection
    private let ttlSeconds: Int

    init(redis: RedisConnection, ttlSeconds: Int) {
        self.redis = redis
        self.ttlSeconds = ttlSeconds
    }

    /// Writes a new job and its index entries atomically.
    func create(_ job: ImportJob, document: String, completion: @escaping (Result<Void, Problem>) -> Void) {
        let keys = [JobKeys.document(job.jobID), JobKeys.expiry, JobKeys.registry]
            + JobKeys.indexes(tenant: job.tenantID, status: job.status, source: job.sourceType)
        let arguments = [job.jobID, document, String(ttlSeconds), String(job.createdAt.millisecondsSince1970)]
        redis.evaluate(JobScripts.create, keys: keys, arguments: arguments) { result in
            completion(JobStore.reply(result, action: "save the job").map { _ in })
        }
    }

    /// The stored document of `jobID` exactly as Redis holds it, or nil when there is none.
    func document(of jobID: String, completion: @escaping (Result<[UInt8]?, Problem>) -> Void) {
        redis.send(RedisCommand(["GET", JobKeys.document(jobID)])) { result in
            completion(JobStore.reply(result, action: "read the job").map { reply in
                if case .bulkString(let bytes) = reply { bytes } else { nil }
            })
        }
    }

    /// One page of the jobs in `index`, newest first, and how many the index holds.
    func page(of index: String, offset: Int, limit: Int,
              completion: @escaping (Result<(total: Int, documents: [[UInt8]]), Problem>) -> Void) {
        redis.evaluate(JobScripts.list, keys: [index, JobKeys.expiry, JobKeys.registry],
                       arguments: [JobKeys.documentPrefix, String(offset), String(limit)]) { result in
            completion(JobStore.reply(result, action: "list jobs").flatMap { reply in
                guard case .array(let parts) = reply, parts.count == 2,
                      case .integer(let total) = parts[0], case .array(let values) = parts[1] else {
                    return .failure(.internalError("unexpected reply from the list script"))
                }
                let documents = values.compactMap { value -> [UInt8]? in
                    if case .bulkString(let bytes) = value { bytes } else { nil }
                }
                return .success((Int(total), documents))
            })
        }
    }

    /// Removes index entries of up to `budget` expired jobs.
    func pruneExpired(budget: Int) {
        redis.evaluate(JobScripts.prune, keys: [JobKeys.expiry, JobKeys.registry],
                       arguments: [JobKeys.documentPrefix, String(budget)]) { _ in }
    }

    /// Whether Redis answers PING now.
    func ping(completion: @escaping (Bool) -> Void) {
        redis.send(RedisCommand(["PING"])) { result in
            if case .success(.status("PONG")) = result { completion(true) } else { completion(false) }
        }
    }

    /// Turns a failure or an error reply into the problem the client sees.
    private static func reply(_ result: Result<RedisReply, RedisFailure>, action: String) -> Result<RedisReply, Problem> {
        switch result {
        case .failure(.unavailable):
            return .failure(.redisUnavailable("Redis is unreachable; could not \(action)"))
        case .failure(.timedOut):
            return .failure(.redisUnavailable("Redis did not answer in time; could not \(action)"))
        case .failure(.disconnected):
            return .failure(.redisUnavailable("the connection to Redis dropped; could not \(action)"))
        case .success(.error(let message)):
            return .failure(problem(forRedisError: message, action: action))
        case .success(let reply):
            return .success(reply)
        }
    }

    /// Redis saying it cannot serve now is a 503; anything else is our bug, a 500.
    private static func problem(forRedisError message: String, action: String) -> Problem {
        let transient = ["OOM", "READONLY", "LOADING", "BUSY", "MASTERDOWN", "NOAUTH", "TRYAGAIN"]
        if transient.contains(where: { message.hasPrefix($0) }) {
            return .redisUnavailable("Redis refused to \(action): \(message)")
        }
        return .internalError("Redis error while trying to \(action)")
    }
}
