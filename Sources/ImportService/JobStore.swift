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

    /// What a create did.
    enum CreateOutcome {
        case created
        /// The idempotency key had already made this job (its stored document).
        case existing([UInt8])
        /// The idempotency key was used before with a different body.
        case mismatch
    }

    /// Writes a new job and its index entries atomically; with an idempotency key, a repeat
    /// returns the job the key made first instead.
    func create(_ job: ImportJob, document: String, idempotency: (key: String, fingerprint: String)?,
                completion: @escaping (Result<CreateOutcome, Problem>) -> Void) {
        let documentKey = JobKeys.document(job.jobID)
        let idempotencyKey = idempotency.map { JobKeys.idempotency(tenant: job.tenantID, key: $0.key) } ?? documentKey
        let arguments = [job.jobID, document, String(ttlSeconds), String(job.createdAt.millisecondsSince1970),
                         job.tenantID ?? "", job.status.rawValue, job.sourceType.rawValue, idempotency?.fingerprint ?? ""]
        redis.evaluate(JobScripts.create, keys: [documentKey, idempotencyKey], arguments: arguments) { result in
            completion(JobStore.reply(result, action: "save the job").flatMap { reply in
                switch reply.strings.first {
                case "created": .success(.created)
                case "mismatch": .success(.mismatch)
                case "existing": .success(.existing(reply.bulk(at: 1) ?? []))
                default: .failure(.internalError("unexpected reply from the create script"))
                }
            })
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

    /// One page of the jobs matching the filters, newest first, and how many match.
    func page(_ query: ListQuery, tenant: String?,
              completion: @escaping (Result<(total: Int, documents: [[UInt8]]), Problem>) -> Void) {
        let arguments = [tenant ?? "", query.status?.rawValue ?? "", query.sourceType?.rawValue ?? "",
                         String(query.offset), String(query.limit)]
        redis.evaluate(JobScripts.list, keys: [], arguments: arguments) { result in
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

    /// What an update did.
    enum UpdateOutcome {
        case updated([UInt8], from: String, to: String)
        case notFound
        case conflict(from: String, to: String)
    }

    /// Applies `patch` atomically in Redis: the state machine check, timestamps, TTL and
    /// index moves happen in one script, so concurrent updates of one job lose nothing.
    func update(_ jobID: String, tenant: String?, patch: JobPatch, at now: Timestamp,
                completion: @escaping (Result<UpdateOutcome, Problem>) -> Void) {
        let progress = patch.progress.map {
            "\($0.totalItems) \($0.processedItems) \($0.failedItems) \($0.percentage)"
        }
        let (errorChange, errorText): (String, String) = switch patch.error {
        case .unchanged: ("keep", "")
        case .cleared: ("clear", "")
        case .set(let text): ("set", text)
        }
        let arguments = [jobID, tenant ?? "", patch.status?.rawValue ?? "", progress ?? "", errorChange, errorText,
                         now.iso8601, String(ttlSeconds)]
        redis.evaluate(JobScripts.update, keys: [JobKeys.document(jobID)], arguments: arguments) { result in
            completion(JobStore.reply(result, action: "update the job").flatMap { reply in
                let words = reply.strings
                switch words.first {
                case "updated" where words.count == 4:
                    return .success(.updated(reply.bulk(at: 1) ?? [], from: words[2], to: words[3]))
                case "not_found": return .success(.notFound)
                case "conflict" where words.count == 3: return .success(.conflict(from: words[1], to: words[2]))
                default: return .failure(.internalError("unexpected reply from the update script"))
                }
            })
        }
    }

    /// Deletes the job and every index entry; true when there was a job to delete.
    func delete(_ jobID: String, tenant: String?, completion: @escaping (Result<Bool, Problem>) -> Void) {
        redis.evaluate(JobScripts.delete, keys: [JobKeys.document(jobID)], arguments: [jobID, tenant ?? ""]) { result in
            completion(JobStore.reply(result, action: "delete the job").map { $0 == .integer(1) })
        }
    }

    /// Removes index entries of up to `budget` expired jobs.
    func pruneExpired(budget: Int) {
        redis.evaluate(JobScripts.prune, keys: [], arguments: [String(budget)]) { _ in }
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
            Log.error("redis error while trying to \(action): \(message.prefix(300))")
            return .failure(problem(forRedisError: message, action: action))
        case .success(let reply):
            return .success(reply)
        }
    }

    /// Redis saying it cannot serve now is a 503; anything else is our bug, a 500.
    private static func problem(forRedisError message: String, action: String) -> Problem {
        let transient = ["OOM", "READONLY", "LOADING", "BUSY", "MASTERDOWN", "NOAUTH", "TRYAGAIN"]
        if transient.contains(where: { message.contains($0) }) {
            return .redisUnavailable("Redis refused to \(action): \(message.prefix(200))")
        }
        return .internalError("Redis error while trying to \(action)")
    }
}

private extension RedisReply {
    /// The elements of an array reply that are strings.
    var strings: [String] {
        guard case .array(let elements) = self else { return [] }
        return elements.compactMap(\.string)
    }

    /// The bytes of the bulk string at `index` of an array reply.
    func bulk(at index: Int) -> [UInt8]? {
        guard case .array(let elements) = self, elements.indices.contains(index),
              case .bulkString(let bytes) = elements[index] else { return nil }
        return bytes
    }
}
