import RedisBridge

/// Key names shared by Swift and the Lua scripts. `import:job:{id}` is fixed by the
/// contract; the index layout is in `JobScripts`.
enum JobKeys {
    static let documentPrefix = "import:job:"
    static let expiry = "import:jobs:expiry"
    static let registry = "import:jobs:indexes"

    static func document(_ jobID: String) -> String {
        documentPrefix + jobID
    }

    /// Remembers which job an `Idempotency-Key` created, per tenant. The client's key is
    /// hashed, so any text it sends makes a short, safe key name.
    static func idempotency(tenant: String?, key: String) -> String {
        "import:idempotency:" + SHA1.hexDigest(Array(((tenant ?? "") + "\n" + key).utf8))
    }
}
