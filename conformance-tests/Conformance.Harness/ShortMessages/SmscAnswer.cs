using Smpp.Pdus;

namespace Conformance.Harness.ShortMessages;

/// <summary>A scripted answer to the next submit_sm, to test how the system under test copes.</summary>
public sealed record SmscAnswer(SmscAnswerKind Kind, CommandStatus Status)
{
    public static SmscAnswer Accept { get; } = new(SmscAnswerKind.Accept, CommandStatus.Ok);

    public static SmscAnswer Throttle { get; } = new(SmscAnswerKind.Error, CommandStatus.Throttled);

    /// <summary>Close the TCP link on receipt, without answering.</summary>
    public static SmscAnswer DropLink { get; } = new(SmscAnswerKind.DropLink, CommandStatus.Ok);

    /// <summary>Never answer, as a stalled SMSC would.</summary>
    public static SmscAnswer Silence { get; } = new(SmscAnswerKind.Silence, CommandStatus.Ok);

    public static SmscAnswer Error(CommandStatus status) => new(SmscAnswerKind.Error, status);
}
