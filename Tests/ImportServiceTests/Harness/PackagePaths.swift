import Foundation

/// Where the package and the server binary under test live.
///
/// The package root is found by walking up from this source file until a directory holding
/// `Package.swift` is reached, so the suite works from any checkout location.
enum PackagePaths {
    /// The SwiftPM package root (the directory containing `Package.swift`).
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The import-service executable: `IMPORT_SERVICE_BINARY` if set, else
    /// `<package root>/.build/debug/import-service`.
    static var serviceBinary: String {
        if let override = ProcessInfo.processInfo.environment["IMPORT_SERVICE_BINARY"], !override.isEmpty {
            return override
        }
        return packageRoot.appendingPathComponent(".build/debug/import-service").path
    }
}
