-- Each request looks up a random number of the labelled range 13000000000 .. 13000000000+COUNT-1.
local count = tonumber(os.getenv("LABELS") or "1000000")
math.randomseed(20181122)
-- The key lookup.sh read from the node's "key" line: lookups need a role (any but administrator).
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("API_KEY") or "")
request = function()
  return wrk.format("GET", "/v1/labels/" .. string.format("%d", 13000000000 + math.random(0, count - 1)))
end
