-- Appends a batch of klines to their candle lists in one call (CandleBatchWriter; also run as is by
-- benchmarks' io.tradeflow.benchmarks.candles.CandleWriterBenchmark).
--   KEYS: every candles:{SYMBOL}:{INTERVAL} and price:{SYMBOL} key of the batch, each once
--   ARGV[1]: how many klines each list keeps (the newest)
--   then five per kline, in queue order: index in KEYS of its list, index in KEYS of its price key, open time,
--   the kline as JSON, close
-- A kline is appended only when it opened after the list's last one, so a batch written twice (a retry after an
-- error whose reply was lost) changes nothing the second time. Each list that grew is trimmed once at the end,
-- and each price key set once, to the close of the last kline appended for that symbol: the same end state as
-- appending, trimming and setting kline by kline. Returns how many klines were appended.
local keep = tonumber(ARGV[1])
local newest = {}
local grown = {}
local prices = {}
local appended = 0
for i = 2, #ARGV, 5 do
  local list = KEYS[tonumber(ARGV[i])]
  local openTime = tonumber(ARGV[i + 2])
  if newest[list] == nil then
    local last = redis.call('LINDEX', list, -1)
    newest[list] = last and tonumber(cjson.decode(last)['openTime']) or -1
  end
  if openTime > newest[list] then
    redis.call('RPUSH', list, ARGV[i + 3])
    newest[list] = openTime
    grown[list] = true
    prices[KEYS[tonumber(ARGV[i + 1])]] = ARGV[i + 4]
    appended = appended + 1
  end
end
for list in pairs(grown) do
  redis.call('LTRIM', list, -keep, -1)
end
for key, close in pairs(prices) do
  redis.call('SET', key, close)
end
return appended
