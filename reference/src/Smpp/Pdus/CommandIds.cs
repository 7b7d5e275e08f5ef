namespace Smpp.Pdus;

/// <summary>Facts about command identifiers that the codec and the sessions both need.</summary>
public static class CommandIds
{
    private const uint ResponseBit = 0x80000000;

    public static bool IsResponse(this CommandId id) => ((uint)id & ResponseBit) != 0;

    /// <summary>The response that answers a request; generic_nack for anything that has none.</summary>
    public static CommandId ResponseTo(this CommandId request) =>
        request.IsResponse() || !Enum.IsDefined(request) ? CommandId.GenericNack : (CommandId)((uint)request | ResponseBit);
}
