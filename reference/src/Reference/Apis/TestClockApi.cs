using Reference.Access;
using Reference.Clock;
using Reference.Provisioning;
using static Reference.Provisioning.Requests;

namespace Reference.Apis;

/// <summary>
/// The test clock (test mode only): read it, set it forward to an instant, or advance it by seconds. Nodes sharing a
/// store share the clock: a move is saved as a setting the other nodes' change feeds apply.
/// </summary>
public static class TestClockApi
{
    public static IEndpointRouteBuilder MapTestClockApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/test/clock", (TestClock clock) => Results.Ok(new { now = clock.GetUtcNow() })).RequireRoles(Role.CarrierOperator);

        routes.MapPut("/v1/test/clock", (ClockRequest? body, TestClock clock, IServiceProvider services) =>
        {
            if (body?.Now is not { } now)
            {
                return FieldErrors.Single("now", "is required: an ISO 8601 instant such as 2026-01-15T10:00:00+08:00");
            }

            if (now > clock.Latest)
            {
                return FieldErrors.Single("now", $"{now:O} is more than {TestClock.MaxAhead.TotalDays:0} days ahead of system time; the test clock goes no further than {clock.Latest:O}");
            }

            return clock.SetTo(now)
                ? Moved(clock, services)
                : FieldErrors.Single("now", $"{now:O} is earlier than the clock ({clock.GetUtcNow():O}); the test clock only moves forward");
        }).RequireRoles(Role.CarrierOperator);

        routes.MapPost("/v1/test/clock/advance", (AdvanceRequest? body, TestClock clock, IServiceProvider services) =>
        {
            if (body?.Seconds is not { } seconds || double.IsNaN(seconds) || seconds < 0 || seconds > 366 * 86400)
            {
                return FieldErrors.Single("seconds", "is required: a number of seconds from 0 to 31622400 to move the clock forward");
            }

            return clock.Advance(TimeSpan.FromSeconds(seconds))
                ? Moved(clock, services)
                : FieldErrors.Single("seconds", $"would take the clock beyond {clock.Latest:O}, {TestClock.MaxAhead.TotalDays:0} days ahead of system time, the furthest the test clock goes");
        }).RequireRoles(Role.CarrierOperator);
        return routes;
    }

    private static IResult Moved(TestClock clock, IServiceProvider services)
    {
        if (services.GetService<Storage.ChangeFeed>() is not null)
        {
            services.GetRequiredService<Storage.IDirectoryStore>().SaveSetting(TestClock.SettingName, clock.Offset.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Results.Ok(new { now = clock.GetUtcNow() });
    }
}
