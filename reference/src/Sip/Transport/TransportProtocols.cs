namespace Sip.Transport;

/// <summary>Between <see cref="TransportProtocol"/> and its name in a Via, a transport= parameter or a setting (any case).</summary>
public static class TransportProtocols
{
    public static TransportProtocol Of(string? name) =>
        string.Equals(name, "UDP", StringComparison.OrdinalIgnoreCase) ? TransportProtocol.Udp
        : string.Equals(name, "TCP", StringComparison.OrdinalIgnoreCase) ? TransportProtocol.Tcp
        : string.Equals(name, "TLS", StringComparison.OrdinalIgnoreCase) ? TransportProtocol.Tls
        : TransportProtocol.Other;

    /// <summary>The name a Via writes (upper case); "UDP" for <see cref="TransportProtocol.Other"/>, which is never sent by.</summary>
    public static string Name(this TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Tcp => "TCP",
        TransportProtocol.Tls => "TLS",
        _ => "UDP",
    };
}
