namespace Smpp.Esme;

/// <summary>Exponential delays: initial, doubled per consecutive failure, capped.</summary>
public static class BackOff
{
    public static TimeSpan Delay(TimeSpan initial, TimeSpan max, int failuresInARow)
    {
        var exponent = Math.Clamp(failuresInARow - 1, 0, 30);
        var ticks = Math.Min(max.Ticks, initial.Ticks * (1L << Math.Min(exponent, 20)));
        return TimeSpan.FromTicks(Math.Max(initial.Ticks, ticks));
    }
}
