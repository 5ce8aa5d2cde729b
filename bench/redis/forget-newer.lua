-- ARGV: created-at score (ms, exclusive), batch size. Deletes up to that many jobs created after
-- the score, with their index entries (the layout of JobScripts.swift), and returns how many.
-- bench/run.sh runs it after every run that creates jobs, so every run sees the seeded data set.
local ids = redis.call('ZRANGEBYSCORE', 'import:jobs:created', '(' .. ARGV[1], '+inf', 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(ids) do
  local keys = redis.call('HGET', 'import:jobs:indexes', id)
  if keys then
    for key in string.gmatch(keys, '%S+') do redis.call('ZREM', key, id) end
    redis.call('HDEL', 'import:jobs:indexes', id)
  end
  redis.call('ZREM', 'import:jobs:expiry', id)
  redis.call('DEL', 'import:job:' .. id)
end
return #ids
