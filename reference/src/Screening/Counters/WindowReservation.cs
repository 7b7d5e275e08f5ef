namespace Screening.Counters;

/// <summary>
/// An event <see cref="IEventWindow{TKey}.TryReserve"/> recorded: enough to find it again and take it back.
/// </summary>
/// <param name="Ticks">When it was recorded (UTC ticks).</param>
/// <param name="Value">The value recorded with it.</param>
/// <param name="Count">The key's events in the window once it was recorded, this one included.</param>
/// <param name="Tag">What a shared store names the event by (null in one node's memory).</param>
public readonly record struct WindowReservation(long Ticks, long Value, int Count, string? Tag = null);
