namespace Reference.Cluster;

/// <summary>
/// The Lua scripts Redis runs for the rate rules' windows. Each key is a sorted set of events scored by time in
/// microseconds (exact in a double), the member carrying the event's value and a tag that keeps it unique. Each script
/// runs atomically: no other node's event slips between the trim, the check, the add and the count.
/// </summary>
internal static class SharedCounterScripts
{
    /// <summary>The channel a flag script announces each flag on, so that every node holds the flags in memory.</summary>
    public const string FlagChannel = "rc:flags";

    /// <summary>The channel <see cref="Release"/> announces a key on whose window may have a place again.</summary>
    public const string ReleasedChannel = "rc:released";

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

    /// <summary>
    /// The check and the add in one step: trims what left the window and, only while the key holds fewer events than
    /// the limit, adds the event. Answers two integers: the events now in the window, or -1 when the limit was reached
    /// (nothing added); and, when the window is full, the time of the event whose leaving frees a place (else 0), so
    /// that the node can refuse the key's next calls from memory until then. KEYS[1]; ARGV: time, window start,
    /// capacity, member, ttl ms, limit.
    /// </summary>
    public const string Reserve = """
        local key = KEYS[1]
        redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[2])
        local n = redis.call('ZCARD', key)
        local limit = tonumber(ARGV[6])
        if n >= limit then
          local first = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
          return {-1, tonumber(first[2])}
        end
        redis.call('ZADD', key, ARGV[1], ARGV[4])
        n = n + 1
        local capacity = tonumber(ARGV[3])
        if n > capacity then
          redis.call('ZREMRANGEBYRANK', key, 0, n - capacity - 1)
          n = capacity
        end
        redis.call('PEXPIRE', key, ARGV[5])
        if n >= limit then
          local first = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
          return {n, tonumber(first[2])}
        end
        return {n, 0}
        """;

    /// <summary>
    /// Takes back an event a reservation added and, if it was still there, announces the key on
    /// <see cref="ReleasedChannel"/>: a node that remembers the window as full forgets it. KEYS[1]; ARGV: member.
    /// </summary>
    public const string Release = """
        local removed = redis.call('ZREM', KEYS[1], ARGV[1])
        if removed == 1 then
          redis.call('PUBLISH', 'rc:released', KEYS[1])
        end
        return removed
        """;

    /// <summary>
    /// <see cref="Add"/>, notes the key in the window's index of flagged keys (KEYS[2], trimmed to the window, read by a
    /// node that connects), then announces the event on <see cref="FlagChannel"/> as "key|time|member".
    /// KEYS[1], KEYS[2]; ARGV: as <see cref="Add"/>. Both keys carry the window's name as a hash tag
    /// ("{rc:one-ring:flags:86400}:…"), so that on a sharded Redis they lie in one slot, as a script's keys must.
    /// </summary>
    public const string Flag = """
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
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
        redis.call('ZADD', KEYS[2], ARGV[1], key)
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PUBLISH', 'rc:flags', key .. '|' .. ARGV[1] .. '|' .. ARGV[4])
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
