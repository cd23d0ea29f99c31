-- HTTP/1.1 pipelining: every write carries DEPTH requests (first script argument, default 16),
-- as in TechEmpower's plaintext test. wrk counts each response, so requests/s stays per request.
-- scripts/bench.sh appends wrk-report.lua to this file for the JSON summary line.
local pipelined

init = function(args)
  local depth = tonumber(args[1]) or 16
  local batch = {}
  for i = 1, depth do
    batch[i] = wrk.format()
  end
  pipelined = table.concat(batch)
end

request = function()
  return pipelined
end
