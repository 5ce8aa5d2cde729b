/// Bounds evhttp enforces before a handler ever sees a request.
public struct HTTPLimits: Sendable {
    /// Largest request body evhttp will read; a larger one is answered 413 by evhttp itself,
    /// with its own HTML page. Handlers enforce their (smaller) limit with a proper body.
    public var maxBodyBytes: Int
    /// Largest request line plus headers; a larger one is refused by evhttp.
    public var maxHeaderBytes: Int
    /// Seconds a connection may sit idle or half-sent before evhttp closes it.
    public var timeoutSeconds: Int

    /// Limits with the given values; the defaults suit a JSON API.
    public init(maxBodyBytes: Int = 1 << 20, maxHeaderBytes: Int = 16 << 10, timeoutSeconds: Int = 30) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.timeoutSeconds = timeoutSeconds
    }
}
