import ImportJobs

/// The Redis key layout. `import:job:{id}` is fixed by the contract; the rest is ours.
///
/// Each listing is a sorted set of job ids scored by creation time, one per filter
/// combination, so a filtered page is one ZREVRANGE. A tenant's jobs are indexed a second
/// time under the tenant's own prefix. `import:jobs:expiry` scores every job by when its
/// key expires, and `import:jobs:indexes` remembers which sets hold each id, so entries of
/// expired jobs can be removed without reading the (gone) document.
enum JobKeys {
    static let documentPrefix = "import:job:"
    static let expiry = "import:jobs:expiry"
    static let registry = "import:jobs:indexes"

    static func document(_ jobID: some StringProtocol) -> String {
        documentPrefix + jobID
    }

    /// The sorted set listing the jobs of `tenant` (all tenants when nil) that match the filters.
    static func index(tenant: String?, status: JobStatus?, source: SourceType?) -> String {
        var key = scope(tenant)
        if let status { key += ":status:" + status.rawValue }
        if let source { key += ":source:" + source.rawValue }
        if status == nil && source == nil { key += ":created" }
        return key
    }

    /// Every sorted set a job with these attributes belongs to.
    static func indexes(tenant: String?, status: JobStatus, source: SourceType) -> [String] {
        let tenants: [String?] = tenant == nil ? [nil] : [nil, tenant]
        return tenants.flatMap { tenant in
            [index(tenant: tenant, status: nil, source: nil), index(tenant: tenant, status: status, source: nil),
             index(tenant: tenant, status: nil, source: source), index(tenant: tenant, status: status, source: source)]
        }
    }

    /// Braces delimit the tenant: tenant ids cannot contain them, so no two tenants' keys collide.
    private static func scope(_ tenant: String?) -> String {
        tenant.map { "import:tenant:{\($0)}:jobs" } ?? "import:jobs"
    }
}
