using System.Globalization;

namespace Interop.Tests;

/// <summary>What every sipp-driven test shares: its scenario folder, its transport and port arguments, and its absence.</summary>
internal static class Sipp
{
    public static readonly string Scenarios = Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>sipp's -t value: one socket (or connection) for all calls.</summary>
    public static string Mode(string transport) => transport == "tcp" ? "t1" : "u1";

    public static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    public static void Require()
    {
        if (!PeerProcess.IsInstalled("sipp"))
        {
            Assert.Ignore("sipp is not installed (Debian package sip-tester; .ci/install adds it)");
        }
    }
}
