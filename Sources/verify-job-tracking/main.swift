import EventLoop
import Glibc

/// The verify-job-tracking command: parses the command line, walks the checklist, prints
/// the lines (or the JSON report) and exits 0 when every check passed, 1 when one failed,
/// 2 on bad arguments.
enum VerifyJobTrackingCommand {
    /// Runs the command and never returns.
    static func main() -> Never {
        // A service that hangs up mid-request must not kill the verifier.
        signal(SIGPIPE, SIG_IGN)
        let options: VerifierOptions
        do {
            switch try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()), environment: environment) {
            case .help:
                print(CommandLineParser.usage)
                exit(0)
            case .run(let parsed):
                options = parsed
            }
        } catch {
            printError("verify-job-tracking: \(error.description)\nrun verify-job-tracking --help for usage")
            exit(2)
        }
        exit(run(options))
    }

    /// Walks the checklist on a new event loop; returns the exit code.
    private static func run(_ options: VerifierOptions) -> Int32 {
        let loop = EventLoop()
        let report = Report()
        let printer = ReportPrinter(options: options)
        if !options.jsonOutput {
            print("Verifying job tracking: service \(options.serviceURL), Redis \(options.redisEndpoint.redacted)")
            report.onProgress = { item, result in
                for line in printer.lines(for: item, result) { print(line) }
                fflush(nil)
            }
        }
        let verifier = Verifier(options: options, loop: loop, report: report)
        verifier.run { loop.stop() }
        loop.run()
        if options.jsonOutput {
            print(printer.json(for: report))
        } else {
            for line in printer.closingLines(for: report) { print(line) }
        }
        return report.exitCode
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    private static func printError(_ text: String) {
        var line = text + "\n"
        line.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
    }
}

VerifyJobTrackingCommand.main()
