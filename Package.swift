// swift-tools-version:6.0
import PackageDescription

// Release builds drop the runtime exclusivity checks: they cost about 3% of the
// instructions of a request (measured with callgrind), and debug builds, which run the
// test suite, keep them.
let releaseSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "import-service",
    products: [
        .executable(name: "import-service", targets: ["import-service"]),
        .executable(name: "verify-job-tracking", targets: ["verify-job-tracking"]),
    ],
    targets: [
        // C libraries from Debian, seen through module maps and shim headers.
        .systemLibrary(
            name: "CLibevent",
            path: "CHeaders/CLibevent",
            pkgConfig: "libevent",
            providers: [.apt(["libevent-dev"])]
        ),
        .systemLibrary(
            name: "CHiredis",
            path: "CHeaders/CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),

        // Bridges: thin, C-facing, and ignorant of jobs and of each other.
        .target(name: "EventLoop", dependencies: ["CLibevent"], swiftSettings: releaseSettings),
        .target(name: "HTTPBridge", dependencies: ["EventLoop", "CLibevent"], swiftSettings: releaseSettings),
        .target(name: "RedisBridge", dependencies: ["EventLoop", "CHiredis"], swiftSettings: releaseSettings),

        // The domain: pure Swift, no C.
        .target(name: "ImportJobs", swiftSettings: releaseSettings),

        // The service: routes joining the domain to HTTP and Redis.
        .target(name: "ImportService", dependencies: ["ImportJobs", "HTTPBridge", "RedisBridge", "EventLoop"],
                swiftSettings: releaseSettings),

        .executableTarget(name: "import-service", dependencies: ["ImportService"]),
        .executableTarget(name: "verify-job-tracking", dependencies: ["ImportJobs", "HTTPBridge", "RedisBridge", "EventLoop"]),

        .testTarget(name: "ImportJobsTests", dependencies: ["ImportJobs"]),
        .testTarget(name: "HTTPBridgeTests", dependencies: ["HTTPBridge"]),
        .testTarget(name: "RedisBridgeTests", dependencies: ["RedisBridge", "EventLoop"]),
        .testTarget(name: "ImportServiceTests", dependencies: ["ImportService", "ImportJobs"]),
    ]
)
