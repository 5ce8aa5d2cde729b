// Shared by every fuzz target; compiled into each fuzzer binary by Fuzz/build.sh.

#if canImport(Glibc)
import Glibc
#endif

/// Stops the fuzzer with `message` when `condition` is false.
///
/// `precondition` would drop its message in `-O` builds; `fatalError` keeps it, so the
/// crash log names the broken invariant. The trap is a deadly signal for libFuzzer, which
/// then writes the input to `crash-<sha1>`.
@inline(never)
func invariant(_ condition: Bool, _ message: @autoclosure () -> String,
               file: StaticString = #fileID, line: UInt = #line) {
    if !condition {
        fatalError("fuzz invariant broken: \(message())", file: file, line: line)
    }
}

/// The fuzzer's input as an array (libFuzzer passes a null pointer for the empty input).
func fuzzInputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Bytes as `\xNN`-escaped ASCII, for invariant messages about binary input.
func escapedForLog(_ bytes: some Sequence<UInt8>, limit: Int = 300) -> String {
    var text = ""
    for (index, byte) in bytes.enumerated() {
        if index == limit { text += "…"; break }
        if byte >= 0x20 && byte < 0x7F && byte != 0x5C {
            text.unicodeScalars.append(Unicode.Scalar(byte))
        } else {
            let digits = Array("0123456789abcdef")
            text += "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
        }
    }
    return text
}

/// Known, reported issues outside the fuzzers' remit that a run may be told to step over,
/// e.g. `FUZZ_KNOWN_ISSUES=route-grapheme` (comma-separated). Empty by default: strict.
let toleratedKnownIssues: Set<String> = {
    guard let raw = getenv("FUZZ_KNOWN_ISSUES") else { return [] }
    return Set(String(cString: raw).split(separator: ",").map(String.init))
}()

nonisolated(unsafe) private var reportedKnownIssues: Set<String> = []

/// Whether `issue` is tolerated in this run; reports the first occurrence on stderr.
func isToleratedKnownIssue(_ issue: String, _ details: @autoclosure () -> String) -> Bool {
    guard toleratedKnownIssues.contains(issue) else { return false }
    if reportedKnownIssues.insert(issue).inserted {
        let line = "known issue \(issue) seen (tolerated by FUZZ_KNOWN_ISSUES): \(details())\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
    return true
}
