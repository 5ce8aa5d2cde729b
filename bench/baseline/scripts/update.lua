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
local TRANSITIONS, FINAL = ' pending>processing pending>failed pending>cancelled processing>completed processing>failed processing>cancelled ', ' completed failed cancelled '
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