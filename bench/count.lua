-- wrk script: each thread stops after its share of responses (first argument), so a run
-- sends a fixed number of requests; done() prints how many were answered and how many
-- were not a 200 served by Twilio.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   limit = tonumber(args[1])
   answered = 0
   other = 0
end

function response(status, headers, body)
   answered = answered + 1
   if status ~= 200 or not string.find(body, '"provider":"twilio"', 1, true) then
      other = other + 1
   end
   if answered >= limit then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local total, bad = 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("answered")
      bad = bad + thread:get("other")
   end
   io.write(string.format("BENCH_COUNT answered=%d not_twilio=%d\n", total, bad))
end
