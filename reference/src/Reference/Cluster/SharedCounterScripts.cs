namespace Reference.Cluster;

/// <summary>
/// The Lua scripts Redis runs for the rate rules' windows. Each key is a sorted set of events scored by time in
/// microseconds (exact in a double), the member carrying the event's value and a tag that keeps it unique. Each script
/// runs atomically: no other node's event slips between the trim, the add and the count.
/// </summary>
internal static class SharedCounterScripts
{
    /// <summary>
    /// Trims what left the window, adds the event, keeps at most the capacity (oldest dropped first), lets the key
    /// expire with its window and returns the events now in it. KEYS[1]; ARGV: time, window start, capacity, member, ttl ms.
    /// </summary>
    public const string Add = """
        local key = KEYS[1]
        redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[2])
        redis.call('ZADD', key, ARGV[1], ARGV[4])
        local n = redis.call('ZCARD', key)
        local capacity = tonumber(ARGV[3])
        if n > capacity then
          redis.call('ZREMRANGEBYRANK', key, 0, n - capacity - 1)
          n = capacity
        end
        redis.call('PEXPIRE', key, ARGV[5])
        return n
        """;

    /// <summary>Distinct values among the events after the window start. KEYS[1]; ARGV: window start.</summary>
    public const string Distinct = """
        local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
        local seen = {}
        local n = 0
        for _, member in ipairs(members) do
          local value = string.match(member, '^[^|]*')
          if not seen[value] then
            seen[value] = true
            n = n + 1
          end
        end
        return n
        """;
}
