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

let loop = EventLoop()
let service = ImportService(configuration: configuration, loop: loop)
do {
    try service.start()
} catch {
    Log.exitWithSettingError(error.description)
}
service.run()
exit(0)
