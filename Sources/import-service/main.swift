import EventLoop
import Glibc
import ImportService

// A client that hangs up mid-reply must not kill the process.
signal(SIGPIPE, SIG_IGN)

let configuration: ServiceConfiguration
do {
    configuration = try ServiceConfiguration.load { name in getenv(name).map { String(cString: $0) } }
} catch {
    Log.exitWithSettingError(error.description)
}

/// Builds and starts one worker's service on the calling thread, then runs its loop.
func runWorker(role: WorkerRole) {
    let loop = EventLoop()
    let service = ImportService(configuration: configuration, loop: loop, role: role)
    do {
        try service.start()
    } catch {
        Log.exitWithSettingError(error.description)
    }
    service.run()
}

// WORKERS > 1: one loop per thread, each with its own Redis connection, sharing the port.
// The main thread's loop is the primary: it takes the signals and wakes the others.
let wakeups = (1..<configuration.workers).map { _ in LoopWakeup() }
let threads = wakeups.map { wakeup in LoopThread { runWorker(role: .secondary(shutdown: wakeup)) } }
runWorker(role: wakeups.isEmpty ? .only : .primary(wakeOthers: { for wakeup in wakeups { wakeup.wake() } }))
for thread in threads { thread.join() }
Log.flush()
exit(0)
