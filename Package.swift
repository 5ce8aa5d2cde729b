// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "EventLoop", dependencies: ["CLibevent"]),
        .target(name: "HTTPBridge", dependencies: ["EventLoop", "CLibevent"]),
        .target(name: "RedisBridge", dependencies: ["EventLoop", "CHiredis"]),

        // The domain: pure Swift, no C.
        .target(name: "ImportJobs"),

        // The service: routes joining the domain to HTTP and Redis.
        .target(name: "ImportService", dependencies: ["ImportJobs", "HTTPBridge", "RedisBridge", "EventLoop"]),

        .executableTarget(name: "import-service", dependencies: ["ImportService"]),
        .executableTarget(name: "verify-job-tracking", dependencies: ["ImportJobs", "HTTPBridge", "RedisBridge", "EventLoop"]),

        .testTarget(name: "ImportJobsTests", dependencies: ["ImportJobs"]),
        .testTarget(name: "HTTPBridgeTests", dependencies: ["HTTPBridge"]),
        .testTarget(name: "RedisBridgeTests", dependencies: ["RedisBridge", "EventLoop"]),
        .testTarget(name: "ImportServiceTests", dependencies: ["ImportService", "ImportJobs"]),
    ]
)
