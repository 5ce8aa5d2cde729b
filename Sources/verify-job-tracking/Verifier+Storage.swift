import ImportJobs
import RedisBridge

/// The job is in Redis under `import:job:{job_id}`, as valid JSON with the twelve fields,
/// pending, and with the expected TTL.
extension Verifier {
    /// The items this step records.
    private static let storageItems: [CheckItem] = [.keyExists, .validJSON, .requiredFields, .statusPending, .timeToLive]

    /// Reads the key with GET, checks the value, then its TTL.
    func checkStoredJob(then next: @escaping () -> Void) {
        guard jobID != nil else {
            report.skip(Self.storageItems, "no job was created")
            return next()
        }
        guard redisReady else {
            report.skip(Self.storageItems, "Redis is unreachable")
            return next()
        }
        redis.send(RedisCommand(["GET", jobKey])) { [self] result in
            switch result {
            case .success(.bulkString(let bytes)):
                report.record(.keyExists, .passed("GET \(jobKey) returned \(bytes.count) bytes"))
                checkValue(bytes)
                checkTTL(then: next)
            case .success(.null):
                DatabaseProbe.find(jobKey, on: redis, returningTo: options.redisEndpoint.database) { [self] database in
                    let elsewhere = database.map { "; it is in database \($0)" } ?? ""
                    report.record(.keyExists, .failed(
                        "GET \(jobKey) on \(options.redisEndpoint.redacted) returned nil\(elsewhere)",
                        Troubleshooting.jobNotInRedis(options.redisEndpoint, otherDatabase: database)))
                    report.skip(Self.storageItems, "the key does not exist")
                    next()
                }
            case .success(let reply):
                recordRedisFailure("GET answered \(reply)")
                next()
            case .failure(let failure):
                recordRedisFailure("GET failed: \(failure)")
                next()
            }
        }
    }

    private func recordRedisFailure(_ detail: String) {
        report.record(.keyExists, .failed(detail, Troubleshooting.unexpectedAnswer("Redis did not answer the read")))
        report.skip(Self.storageItems, "the key could not be read")
    }

    /// Valid JSON, the twelve fields, status pending.
    private func checkValue(_ bytes: [UInt8]) {
        let document: JSONObject
        do {
            let value = try JSONParser.parse(bytes)
            guard let object = value.objectValue else {
                report.record(.validJSON, .failed("the value is \(value.kindDescription), not a JSON object",
                                                  Troubleshooting.unexpectedAnswer("the service stores something else")))
                return report.skip([.requiredFields, .statusPending], "the value is not a JSON object")
            }
            document = object
        } catch {
            report.record(.validJSON, .failed("not JSON: \(error.message) at byte \(error.offset)",
                                              Troubleshooting.unexpectedAnswer("the service stores something else")))
            return report.skip([.requiredFields, .statusPending], "the value is not JSON")
        }
        storedDocument = document
        report.record(.validJSON, .passed("a JSON object with \(document.count) fields"))
        let problems = JobDocumentCheck.problems(in: document, jobID: jobID ?? "")
        if problems.isEmpty {
            report.record(.requiredFields, .passed("all 12 present, job_id matches"))
        } else {
            report.record(.requiredFields, .failed(problems.joined(separator: "; "), Troubleshooting.unexpectedAnswer(
                "the stored document does not follow the document's Data Format")))
        }
        let status = document["status"]?.stringValue
        if status == "pending" {
            report.record(.statusPending, .passed("status \"pending\""))
        } else {
            report.record(.statusPending, .failed("status \(document["status"]?.serialized ?? "missing")",
                                                  Troubleshooting.unexpectedAnswer("new jobs are not stored as pending")))
        }
    }

    /// TTL within a minute below the expected TTL.
    private func checkTTL(then next: @escaping () -> Void) {
        readTTL { [self] ttl, problem in
            if let ttl {
                let expected = options.expectedTTLSeconds
                if Self.isFresh(ttl, expected: expected) {
                    report.record(.timeToLive, .passed("TTL \(ttl) s (expected \(max(expected - 60, 1))–\(expected))"))
                } else {
                    report.record(.timeToLive, .failed("TTL \(ttl) s, expected \(max(expected - 60, 1))–\(expected)",
                                                       Troubleshooting.wrongTTL(ttl, expected: expected)))
                }
            } else {
                report.record(.timeToLive, .failed(problem, Troubleshooting.unexpectedAnswer("Redis did not answer TTL")))
            }
            next()
        }
    }

    /// Whether a TTL just after a write is right: at most `expected`, at most a minute less.
    static func isFresh(_ ttl: Int64, expected: Int) -> Bool {
        ttl > 0 && ttl <= Int64(expected) && ttl >= Int64(expected - 60)
    }

    /// `TTL import:job:{id}`: the seconds, or nil and what went wrong.
    func readTTL(completion: @escaping (_ ttl: Int64?, _ problem: String) -> Void) {
        redis.send(RedisCommand(["TTL", jobKey])) { result in
            switch result {
            case .success(.integer(let seconds)): completion(seconds, "")
            case .success(let reply): completion(nil, "TTL answered \(reply)")
            case .failure(let failure): completion(nil, "TTL failed: \(failure)")
            }
        }
    }
}
