using System.Diagnostics;

namespace Conformance.Harness.Management;

/// <summary>
/// When the suite last changed something through the management API (process-wide). A system of several entry
/// points may take up to <see cref="PropagationAllowance"/> to have a change made through one in force at all; calls
/// placed sooner than that after a change wait for the rest of it.
/// </summary>
public static class ManagementWrites
{
    /// <summary>How long a change provisioned through one entry point may take to be in force at every other.</summary>
    public static readonly TimeSpan PropagationAllowance = TimeSpan.FromSeconds(1);

    private static long _last = long.MinValue;

    public static void Noted() => Interlocked.Exchange(ref _last, Stopwatch.GetTimestamp());

    /// <summary>What is left of the allowance since the last change; zero once it has passed.</summary>
    public static TimeSpan Remaining()
    {
        var last = Interlocked.Read(ref _last);
        if (last == long.MinValue)
        {
            return TimeSpan.Zero;
        }

        var left = PropagationAllowance - Stopwatch.GetElapsedTime(last);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
