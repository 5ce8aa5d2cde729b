local DOCUMENT, EXPIRY, REGISTRY = 'import:job:', 'import:jobs:expiry', 'import:jobs:indexes'

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
return prune(now_ms(), tonumber(ARGV[1]))