import RedisBridge

/// Looks for a key in the other databases of the same Redis, to tell "wrong database"
/// apart from "never written" when the job is missing.
enum DatabaseProbe {
    /// How many databases to look through (Redis has 16 by default).
    static let databaseCount = 16

    /// Pipelines `SELECT n` / `EXISTS key` for every other database, then selects `current`
    /// again; `completion` gets the first database holding `key`, or nil.
    static func find(_ key: String, on redis: RedisConnection, returningTo current: Int,
                     completion: @escaping (Int?) -> Void) {
        let databases = (0..<databaseCount).filter { $0 != current }
        var selected: [Int: Bool] = [:]
        var found: [Int] = []
        for database in databases {
            redis.send(RedisCommand(["SELECT", String(database)])) { result in
                if case .success(.status) = result { selected[database] = true }
            }
            redis.send(RedisCommand(["EXISTS", key])) { result in
                if selected[database] == true, case .success(.integer(let count)) = result, count > 0 {
                    found.append(database)
                }
            }
        }
        redis.send(RedisCommand(["SELECT", String(current)])) { _ in
            completion(found.min())
        }
    }
}
