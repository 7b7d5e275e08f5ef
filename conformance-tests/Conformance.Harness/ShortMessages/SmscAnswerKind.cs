namespace Conformance.Harness.ShortMessages;

/// <summary>How the suite's SMSC treats one submit_sm.</summary>
public enum SmscAnswerKind
{
    Accept,
    Error,
    DropLink,
    Silence,
}
