using Microsoft.Extensions.Logging.Abstractions;
using Screening.Counters;

namespace Reference.Cluster;

/// <summary>
/// Where the rate rules count, from configuration: Redis when Cluster:Redis names an endpoint ("127.0.0.1:6379"),
/// shared by every node configured with it; else this process's memory, as a lone node always did.
/// </summary>
public static class SharedCounters
{
    public static IEventWindows AddSharedCounters(this WebApplicationBuilder builder)
    {
        if (builder.Configuration["Cluster:Redis"] is { Length: > 0 } endpoint)
        {
            var timeout = builder.Configuration.GetValue("Cluster:RedisTimeoutMs", RedisEventWindows.DefaultTimeoutMilliseconds);
            if (timeout is <= 0 or > 60_000)
            {
                throw new InvalidOperationException($"Cluster:RedisTimeoutMs must be from 1 to 60000 milliseconds, found {timeout}");
            }

            var redis = RedisEventWindows.Connect(endpoint, NullLogger.Instance, timeout);
            builder.Services.AddSingleton(redis);
            builder.Services.AddSingleton(redis.Health);
            return redis;
        }

        builder.Services.AddSingleton(SharedCounterHealth.InProcess);
        return InProcessEventWindows.Instance;
    }

    /// <summary>Hands the node's log to the Redis windows, which were opened before the host was built.</summary>
    public static void UseSharedCounterLog(this WebApplication app)
    {
        if (app.Services.GetService<RedisEventWindows>() is { } redis)
        {
            redis.Logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reference.Cluster.SharedCounters");
        }
    }
}
