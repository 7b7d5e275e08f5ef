namespace Screening;

/// <summary>How an admitted call ended, as far as the node could see.</summary>
public enum CallEnd
{
    /// <summary>The caller cancelled before an answer (for one-ring detection, with the time since alerting).</summary>
    Cancelled,

    /// <summary>The called side, or a node beyond, answered with a failure.</summary>
    Rejected,

    /// <summary>An answered call was hung up.</summary>
    Completed,

    /// <summary>
    /// The node saw no end within its call lifetime and forgot the call (lost CANCEL or BYE, a caller that vanished):
    /// observers drop what they hold for it, so their records are bounded by time, not by the traffic that ends calls.
    /// </summary>
    Abandoned,
}
