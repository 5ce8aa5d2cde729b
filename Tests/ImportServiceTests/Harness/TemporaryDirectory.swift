import Foundation

/// A fresh directory under the system temp directory for one fixture's logs and sockets.
///
/// Unix socket paths are limited to 108 bytes, so names are kept short.
enum TemporaryDirectory {
    /// Creates and returns a new empty directory whose name starts with `prefix`.
    static func make(prefix: String) throws -> URL {
        let name = "\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))"
        let url = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes `url` and everything in it, ignoring errors.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}
