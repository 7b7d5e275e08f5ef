using Conformance.Harness.Labelling;
using Conformance.Harness.Calls;

namespace Conformance.Specs.Support;

/// <summary>What a resources scenario has done so far: the service number it drew, the last answer, the calls an audit judges.</summary>
public sealed class ResourcesState
{
    /// <summary>The 400 number the scenario allocates (fresh per scenario).</summary>
    public string Number { get; set; } = string.Empty;

    public string? SecondEnterprise { get; set; }

    public ApiAnswer? LastAnswer { get; set; }

    /// <summary>The SUT's clock when the scenario's allocation, reissue or listing was made: the window its dates must fall in starts here.</summary>
    public DateTimeOffset? AllocatedAt { get; set; }

    public DateTimeOffset? ReissuedAt { get; set; }

    /// <summary>The calls the trunk placed presenting a number outside its allocated block, and within it.</summary>
    public List<CallResult> Outside { get; } = [];

    public List<CallResult> Inside { get; } = [];

    /// <summary>The entry another carrier published, as its publication was answered.</summary>
    public ApiAnswer? OtherCarrierEntry { get; set; }
}
