/// Bounds evhttp enforces before a handler ever sees a request.
public struct HTTPLimits: Sendable {
    /// Largest request body evhttp will read; a larger one is answered 413 by evhttp itself,
    /// with its own HTML page. Handlers enforce their (smaller) limit with a proper body.
    public var maxBodyBytes: Int
    /// Largest request line plus headers; a larger one is refused by evhttp.
    public var maxHeaderBytes: Int
    /// Seconds a connection has to deliver each complete request (from when it opened or
    /// from its previous reply), and to take each reply; a slower one is closed.
    public var timeoutSeconds: Int
    /// Most connections open at once; more are closed as soon as they are accepted.
    public var maxConnections: Int

    /// Limits with the given values; the defaults suit a JSON API.
    public init(maxBodyBytes: Int = 1 << 20, maxHeaderBytes: Int = 16 << 10, timeoutSeconds: Int = 15,
                maxConnections: Int = 10_000) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.timeoutSeconds = timeoutSeconds
        self.maxConnections = maxConnections
    }
}
