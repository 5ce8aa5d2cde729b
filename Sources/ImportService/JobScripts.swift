import RedisBridge

/// The Lua scripts that keep a job and its index entries in step, atomically, in one round
/// trip each. They read the clock with TIME so expiry scores follow Redis's own clock.
enum JobScripts {
    /// Helpers shared by the scripts below.
    private static let prelude = """
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        -- Removes a job id from every index that holds it.
        local function forget(registry, expiry, id)
          local keys = redis.call('HGET', registry, id)
          if keys then
            for key in string.gmatch(keys, '%S+') do redis.call('ZREM', key, id) end
            redis.call('HDEL', registry, id)
          end
          redis.call('ZREM', expiry, id)
        end
        -- Forgets up to `budget` jobs whose expiry time has passed; a key that was
        -- given a new TTL since is re-scored instead.
        local function prune(registry, expiry, prefix, now, budget)
          local ids = redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, budget)
          for _, id in ipairs(ids) do
            local ttl = redis.call('PTTL', prefix .. id)
            if ttl > 0 then redis.call('ZADD', expiry, now + ttl, id) else forget(registry, expiry, id) end
          end
          return #ids
        end

        """

    /// KEYS: document, expiry, registry, index sets...  ARGV: job id, document, TTL seconds, created-at ms.
    static let create = RedisScript(prelude + """
        local now = now_ms()
        redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]) * 1000, ARGV[1])
        local indexes = {}
        for i = 4, #KEYS do
          redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1])
          indexes[#indexes + 1] = KEYS[i]
        end
        redis.call('HSET', KEYS[3], ARGV[1], table.concat(indexes, ' '))
        return 1
        """)

    /// KEYS: index set, expiry, registry.  ARGV: document prefix, offset, limit.
    /// Returns {total, {documents...}}, newest first. Entries whose document has gone
    /// (expired, or deleted behind our back) are forgotten and the page is read again.
    static let list = RedisScript(prelude + """
        local now = now_ms()
        prune(KEYS[3], KEYS[2], ARGV[1], now, 1000)
        local offset, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
        local documents = {}
        for attempt = 1, 5 do
          documents = {}
          local ids = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1)
          if #ids == 0 then break end
          local keys = {}
          for i, id in ipairs(ids) do keys[i] = ARGV[1] .. id end
          local values = redis.call('MGET', unpack(keys))
          local missing = false
          for i = 1, #ids do
            if values[i] then documents[#documents + 1] = values[i]
            else forget(KEYS[3], KEYS[2], ids[i]); missing = true end
          end
          if not missing then break end
        end
        return {redis.call('ZCARD', KEYS[1]), documents}
        """)

    /// KEYS: expiry, registry.  ARGV: document prefix, budget.  Returns how many were examined.
    static let prune = RedisScript(prelude + """
        return prune(KEYS[2], KEYS[1], ARGV[1], now_ms(), tonumber(ARGV[2]))
        """)
}
