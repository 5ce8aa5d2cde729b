import Glibc

/// Picks the address evhttp should connect to.
///
/// evhttp tries only the first address a name resolves to. On hosts where `localhost` is
/// `::1` first and the service listens on 127.0.0.1 (its default), that would report a
/// running service as unreachable; so, like hiredis, the verifier prefers IPv4.
enum HostResolver {
    /// The numeric address for `host`, IPv4 first; `host` itself when it is already numeric
    /// or cannot be resolved (the connection attempt then reports the problem).
    static func preferredAddress(for host: String) -> String {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let list else { return host }
        defer { freeaddrinfo(list) }
        var candidates: [UnsafeMutablePointer<addrinfo>] = []
        var current: UnsafeMutablePointer<addrinfo>? = list
        while let entry = current {
            candidates.append(entry)
            current = entry.pointee.ai_next
        }
        let chosen = candidates.first { $0.pointee.ai_family == AF_INET } ?? candidates.first
        guard let chosen, let numeric = numericHost(chosen.pointee) else { return host }
        return numeric
    }

    private static func numericHost(_ entry: addrinfo) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let status = getnameinfo(entry.ai_addr, entry.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard status == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
