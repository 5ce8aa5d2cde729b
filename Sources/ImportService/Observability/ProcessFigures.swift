import Glibc

/// Resident memory, open descriptors and start time, read from /proc at scrape time.
/// /proc is memory-backed, so these reads do not wait on a disk.
struct ProcessFigures {
    var residentBytes = 0
    var openFileDescriptors = 0
    var startTimeSeconds = 0.0

    /// The process start time, captured once when the service starts.
    static let startTime: Double = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }()

    static func read() -> ProcessFigures {
        var figures = ProcessFigures(startTimeSeconds: startTime)
        if let statm = readSmallFile("/proc/self/statm") {
            let fields = statm.split(separator: " ")
            if fields.count > 1, let pages = Int(fields[1]) { figures.residentBytes = pages * Int(sysconf(Int32(_SC_PAGESIZE))) }
        }
        if let directory = opendir("/proc/self/fd") {
            while let entry = readdir(directory) {
                if entry.pointee.d_name.0 != UInt8(ascii: ".") { figures.openFileDescriptors += 1 }
            }
            closedir(directory)
            figures.openFileDescriptors -= 1 // the descriptor opendir itself holds
        }
        return figures
    }

    private static func readSmallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
