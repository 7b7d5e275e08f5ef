namespace Conformance.SpecModel;

/// <summary>
/// One realm's answer to the OPTIONS probe sent before the run: what it advertised, and where that disagrees with the
/// PICS. An unreachable realm has a note instead of an answer; the probe never decides a verdict.
/// </summary>
public sealed record RealmProbe(
    string Realm,
    string Address,
    bool Answered,
    int? Status,
    IReadOnlyList<string> Allow,
    IReadOnlyList<string> Supported,
    IReadOnlyList<string> Warnings,
    string? Note = null);
