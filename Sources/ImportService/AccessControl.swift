import Glibc
import ImportJobs

/// Bearer tokens from `API_TOKENS_FILE`, each bound to one tenant. Off when the file is unset.
///
/// When on, a job request must carry `Authorization: Bearer <token>`; the token decides the
/// tenant, so a request sees only that tenant's jobs. Tokens are compared in constant time
/// and never logged.
struct AccessControl: Sendable {
    private let tokens: [(token: [UInt8], tenant: String)]

    /// What a request's credentials come to.
    enum Decision: Equatable {
        case allowed(tenant: String)
        case missingToken
        case invalidToken
    }

    /// Reads `token tenant_id` lines; blank lines and lines starting with `#` are skipped.
    /// Read once at start-up, before the loop runs.
    static func load(path: String) throws(ConfigurationError) -> AccessControl {
        guard let text = readFile(path) else {
            throw ConfigurationError(setting: "API_TOKENS_FILE", value: path, problem: "cannot be read")
        }
        var tokens: [(token: [UInt8], tenant: String)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty || words[0].hasPrefix("#") { continue }
            guard words.count == 2, words[0].utf8.count >= 16, TenantID.isValid(words[1]) else {
                throw ConfigurationError(setting: "API_TOKENS_FILE", value: path,
                                         problem: "line \(number + 1) must be 'token tenant_id' with a token of at least 16 characters")
            }
            tokens.append((Array(words[0].utf8), String(words[1])))
        }
        guard !tokens.isEmpty else {
            throw ConfigurationError(setting: "API_TOKENS_FILE", value: path, problem: "holds no tokens")
        }
        return AccessControl(tokens: tokens)
    }

    /// Checks an `Authorization` header value.
    func decide(authorization: String?) -> Decision {
        guard let authorization else { return .missingToken }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .missingToken }
        let presented = Array(parts[1].utf8)
        var match: String?
        for entry in tokens where AccessControl.constantTimeEqual(entry.token, presented) {
            match = entry.tenant
        }
        return match.map { .allowed(tenant: $0) } ?? .invalidToken
    }

    /// Compares every byte whatever the content, so timing says nothing about the token.
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count)
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[..<count]
            if bytes.count > 1 << 20 { return nil }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
