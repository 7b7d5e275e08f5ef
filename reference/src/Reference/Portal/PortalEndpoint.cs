namespace Reference.Portal;

/// <summary>Marks the portal's endpoints, so that culture and page headers are applied to them and never to the API.</summary>
public sealed class PortalEndpoint
{
    public static PortalEndpoint Instance { get; } = new();

    private PortalEndpoint()
    {
    }
}
