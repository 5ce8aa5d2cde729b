import Foundation

/// One private redis-server plus one import-service pointed at it (database 0).
///
/// Owned by a test class; `stop()` kills both and removes the temp directory.
final class ServiceFixture: @unchecked Sendable {
    /// Directory for logs and sockets of this fixture.
    let directory: URL
    /// The private redis.
    let redis: RedisServerProcess
    /// Extra environment the service was started with (besides PORT and REDIS_URL).
    let environment: [String: String]
    /// The service (replaced if it had to be restarted after a crash).
    private(set) var service: ServiceProcess

    /// Starts redis, then the service with `REDIS_URL=redis://127.0.0.1:P/0` and `environment`.
    init(environment: [String: String] = [:]) throws {
        directory = try TemporaryDirectory.make(prefix: "isvc")
        do {
            redis = try RedisServerProcess(directory: directory)
            self.environment = environment
            service = try ServiceProcess(environment: environment.merging(["REDIS_URL": redis.url()]) { a, _ in a },
                                         directory: directory)
        } catch {
            TemporaryDirectory.remove(directory)
            throw error
        }
    }

    /// Starts another service instance on the same redis with `environment` overrides; the
    /// caller stops it.
    func startExtraService(environment extra: [String: String], name: String) throws -> ServiceProcess {
        var env = ["REDIS_URL": redis.url()]
        env.merge(extra) { _, new in new }
        return try ServiceProcess(environment: env, directory: directory, name: name)
    }

    /// If the service died, restarts it and returns a description of how it died.
    func restartServiceIfDead() throws -> String? {
        guard !service.isRunning else { return nil }
        let report = "import-service had exited (\(service.child.exit.map { "\($0)" } ?? "?")); stderr:\n"
            + service.child.stderrTail()
        service = try ServiceProcess(environment: environment.merging(["REDIS_URL": redis.url()]) { a, _ in a },
                                     directory: directory, name: "service-restarted-\(UUID().uuidString.prefix(4))")
        return report
    }

    /// Stops the service and redis and deletes the temp directory.
    func stop() {
        service.stop()
        redis.stop()
        TemporaryDirectory.remove(directory)
    }
}
