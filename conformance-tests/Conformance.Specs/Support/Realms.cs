namespace Conformance.Specs.Support;

/// <summary>The realm names of the target file, and the words scenarios use for them.</summary>
public static class Realms
{
    public const string Access = "access";
    public const string Interconnect = "interconnect";
    public const string International = "international";

    public static string Of(string origin) => origin switch
    {
        "abroad" => International,
        "a domestic carrier" => Interconnect,
        "an enterprise trunk" => Access,
        _ => throw new ArgumentException($"Unknown call origin '{origin}'.", nameof(origin)),
    };
}
