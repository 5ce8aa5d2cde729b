import ImportJobs
import RedisBridge

/// The Lua scripts that keep a job and its index entries in step, atomically, in one round
/// trip each. They read the clock with TIME so expiry scores follow Redis's own clock.
///
/// The index layout lives here, in the prelude, and nowhere else: a listing is a sorted set
/// of job ids scored by creation time, one per filter combination (all, status, source,
/// status and source), kept once for all tenants and once more under the job's tenant.
/// Braces delimit a tenant id, which cannot contain them, so no two tenants' keys collide.
/// `import:jobs:expiry` scores every job by when its key expires and
/// `import:jobs:indexes` remembers which sets hold each id, so that the entries of an
/// expired job can be removed although its document is gone.
enum JobScripts {
    private static let prelude = """
        local DOCUMENT, EXPIRY, REGISTRY = '\(JobKeys.documentPrefix)', '\(JobKeys.expiry)', '\(JobKeys.registry)'

        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end

        local function index_key(tenant, status, source)
          local key = 'import:jobs'
          if tenant ~= '' then key = 'import:tenant:{' .. tenant .. '}:jobs' end
          if status ~= '' then key = key .. ':status:' .. status end
          if source ~= '' then key = key .. ':source:' .. source end
          if status == '' and source == '' then key = key .. ':created' end
          return key
        end

        local function index_keys(tenant, status, source)
          local keys, tenants = {}, {''}
          if tenant ~= '' then tenants[2] = tenant end
          for _, t in ipairs(tenants) do
            keys[#keys + 1] = index_key(t, '', '')
            keys[#keys + 1] = index_key(t, status, '')
            keys[#keys + 1] = index_key(t, '', source)
            keys[#keys + 1] = index_key(t, status, source)
          end
          return keys
        end

        local function index(id, keys, score)
          for _, key in ipairs(keys) do redis.call('ZADD', key, score, id) end
          redis.call('HSET', REGISTRY, id, table.concat(keys, ' '))
        end

        -- Removes a job id from every index that holds it.
        local function forget(id)
          local keys = redis.call('HGET', REGISTRY, id)
          if keys then
            for key in string.gmatch(keys, '%S+') do redis.call('ZREM', key, id) end
            redis.call('HDEL', REGISTRY, id)
          end
          redis.call('ZREM', EXPIRY, id)
        end

        -- Forgets up to `budget` jobs whose expiry time has passed; a key that was
        -- given a new TTL behind our back is re-scored instead.
        local function prune(now, budget)
          local ids = redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', now, 'LIMIT', 0, budget)
          for _, id in ipairs(ids) do
            local ttl = redis.call('PTTL', DOCUMENT .. id)
            if ttl > 0 then redis.call('ZADD', EXPIRY, now + ttl, id) else forget(id) end
          end
          return #ids
        end

        local function tenant_of(job)
          if type(job.tenant_id) == 'string' then return job.tenant_id end
          return ''
        end

        """

    /// KEYS: document, idempotency key or the document again when there is none.
    /// ARGV: job id, document, TTL seconds, created-at ms, tenant, status, source,
    /// idempotency fingerprint ('' for none).
    /// Returns {'created'}, {'existing', document} or {'mismatch'}.
    static let create = RedisScript(prelude + """
        local id, document, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local fingerprint = ARGV[8]
        if fingerprint ~= '' then
          local seen = redis.call('GET', KEYS[2])
          if seen then
            local seen_fingerprint, seen_id = string.match(seen, '^(%S+) (%S+)$')
            if seen_fingerprint ~= fingerprint then return {'mismatch'} end
            local existing = redis.call('GET', DOCUMENT .. seen_id)
            if existing then return {'existing', existing} end
          end
        end
        local now = now_ms()
        redis.call('SET', KEYS[1], document, 'EX', ttl)
        redis.call('ZADD', EXPIRY, now + ttl * 1000, id)
        index(id, index_keys(ARGV[5], ARGV[6], ARGV[7]), ARGV[4])
        if fingerprint ~= '' then redis.call('SET', KEYS[2], fingerprint .. ' ' .. id, 'EX', ttl) end
        return {'created'}
        """)

    /// KEYS: none.  ARGV: tenant, status, source (each '' for any), offset, limit.
    /// Returns {total, {documents...}}, newest first. Entries whose document has gone
    /// (expired, or deleted behind our back) are forgotten and the page is read again.
    static let list = RedisScript(prelude + """
        prune(now_ms(), 1000)
        local key = index_key(ARGV[1], ARGV[2], ARGV[3])
        local offset, limit = tonumber(ARGV[4]), tonumber(ARGV[5])
        local documents = {}
        for attempt = 1, 5 do
          documents = {}
          local ids = redis.call('ZREVRANGE', key, offset, offset + limit - 1)
          if #ids == 0 then break end
          local keys = {}
          for i, id in ipairs(ids) do keys[i] = DOCUMENT .. id end
          local values = redis.call('MGET', unpack(keys))
          local missing = false
          for i = 1, #ids do
            if values[i] then documents[#documents + 1] = values[i] else forget(ids[i]); missing = true end
          end
          if not missing then break end
        end
        return {redis.call('ZCARD', key), documents}
        """)

    /// KEYS: document.  ARGV: job id, tenant ('' for any), new status ('' to keep), progress
    /// ('' to keep, else "total processed failed percentage"), error change ('keep', 'clear'
    /// or 'set'), error text, now (ISO-8601), TTL seconds.
    /// Returns {'updated', document, from, to}, {'not_found'} or {'conflict', from, to}.
    /// The transition table comes from `JobStatus`, so Swift and Lua cannot disagree.
    static let update = RedisScript(prelude + documentEncoder + """
        local TRANSITIONS, FINAL = ' \(transitions) ', ' \(finalStatuses) '
        local function is_final(status) return string.find(FINAL, ' ' .. status .. ' ', 1, true) ~= nil end
        local raw = redis.call('GET', KEYS[1])
        if not raw then return {'not_found'} end
        local job = cjson.decode(raw)
        local tenant = tenant_of(job)
        if ARGV[2] ~= '' and tenant ~= ARGV[2] then return {'not_found'} end
        local from, to, now = job.status, ARGV[3], ARGV[7]
        if is_final(from) then return {'conflict', from, to} end
        if to ~= '' and to ~= from then
          if not string.find(TRANSITIONS, ' ' .. from .. '>' .. to .. ' ', 1, true) then return {'conflict', from, to} end
          job.status = to
          if to == 'processing' then job.started_at = now end
          if is_final(to) then job.completed_at = now end
        end
        if ARGV[4] ~= '' then
          local total, processed, failed, percentage = string.match(ARGV[4], '^(%d+) (%d+) (%d+) (%S+)$')
          job.progress = {total_items = tonumber(total), processed_items = tonumber(processed),
                          failed_items = tonumber(failed), percentage = tonumber(percentage)}
        end
        if ARGV[5] == 'clear' then job.error = cjson.null elseif ARGV[5] == 'set' then job.error = ARGV[6] end
        job.updated_at = now
        local document = encode_job(job)
        local ttl = tonumber(ARGV[8])
        redis.call('SET', KEYS[1], document, 'EX', ttl)
        redis.call('ZADD', EXPIRY, now_ms() + ttl * 1000, ARGV[1])
        if job.status ~= from then
          local score = redis.call('ZSCORE', index_key('', '', ''), ARGV[1]) or now_ms()
          forget(ARGV[1])
          redis.call('ZADD', EXPIRY, now_ms() + ttl * 1000, ARGV[1])
          index(ARGV[1], index_keys(tenant, job.status, job.source_type), score)
        end
        return {'updated', document, from, job.status}
        """)

    /// Re-encodes a decoded job with the fields in the order Swift writes them, so a
    /// document reads the same in redis-cli before and after an update. cjson escapes
    /// '/' as '\/'; undoing that is safe because cjson never leaves a bare '/'.
    private static let documentEncoder = #"""
        local FIELDS = {'job_id', 'request_id', 'status', 'source_type', 'created_at', 'updated_at', 'tenant_id',
                        'correlation_id', 'progress', 'error', 'started_at', 'completed_at', 'options', 'source'}
        local PROGRESS = {'total_items', 'processed_items', 'failed_items', 'percentage'}
        local encode_ordered
        -- Objects without a fixed order (options, source) get sorted keys, so the text is stable.
        local function encode_value(key, value)
          if key == 'progress' and type(value) == 'table' then return encode_ordered(value, PROGRESS) end
          if type(value) == 'table' and next(value) ~= nil and value[1] == nil then
            local keys = {}
            for k in pairs(value) do keys[#keys + 1] = k end
            table.sort(keys)
            return encode_ordered(value, keys)
          end
          -- Whole numbers as integers: cjson keeps only 14 significant digits.
          if type(value) == 'number' and value == math.floor(value) and math.abs(value) < 2^53 then
            return string.format('%d', value)
          end
          return cjson.encode(value)
        end
        encode_ordered = function(object, order)
          local parts, seen = {}, {}
          for _, key in ipairs(order) do
            seen[key] = true
            local value = object[key]
            if value == nil then value = cjson.null end
            parts[#parts + 1] = cjson.encode(key) .. ':' .. encode_value(key, value)
          end
          for key, value in pairs(object) do
            if not seen[key] then parts[#parts + 1] = cjson.encode(key) .. ':' .. encode_value(key, value) end
          end
          return '{' .. table.concat(parts, ',') .. '}'
        end
        local function encode_job(job)
          return (string.gsub(encode_ordered(job, FIELDS), '\\/', '/'))
        end

        """#

    private static let transitions = JobStatus.allCases.flatMap { from in
        JobStatus.allCases.filter { from.canTransition(to: $0) }.map { "\(from.rawValue)>\($0.rawValue)" }
    }.joined(separator: " ")

    private static let finalStatuses = JobStatus.allCases.filter(\.isFinal).map(\.rawValue).joined(separator: " ")

    /// KEYS: none.  ARGV: budget.  Returns how many expired entries were examined.
    static let prune = RedisScript(prelude + """
        return prune(now_ms(), tonumber(ARGV[1]))
        """)

    /// KEYS: document.  ARGV: job id, tenant ('' for any).  Returns 1 when deleted, 0 when not found.
    static let delete = RedisScript(prelude + """
        local raw = redis.call('GET', KEYS[1])
        if not raw then forget(ARGV[1]); return 0 end
        if ARGV[2] ~= '' and tenant_of(cjson.decode(raw)) ~= ARGV[2] then return 0 end
        redis.call('DEL', KEYS[1])
        forget(ARGV[1])
        return 1
        """)
}
