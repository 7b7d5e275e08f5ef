namespace Conformance.Harness.Warnings;

/// <summary>What a warning text must never carry (REQUIREMENTS.md area 9).</summary>
public enum WarningViolationKind
{
    Url,
    PhoneNumber,
    ReplyRequest,
}
