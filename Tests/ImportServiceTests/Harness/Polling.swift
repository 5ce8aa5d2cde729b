import Foundation

/// Calls `condition` every `interval` seconds until it returns true or `timeout` seconds pass.
///
/// Returns whether the condition became true. Used instead of fixed sleeps so that the suite
/// is as fast as the server allows and still bounded when the server misbehaves.
@discardableResult
func poll(timeout: TimeInterval, interval: TimeInterval = 0.05, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        Thread.sleep(forTimeInterval: interval)
    }
}

/// Seconds taken by `body`, together with its result.
func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: TimeInterval) {
    let start = Date()
    let result = try body()
    return (result, Date().timeIntervalSince(start))
}
