namespace Reference.Portal.Resources;

/// <summary>
/// The portal's words: PortalText.resx holds the Chinese (the default), PortalText.en.resx the English, read through
/// IStringLocalizer&lt;PortalText&gt; in the pages.
/// </summary>
public sealed class PortalText
{
    private PortalText()
    {
    }
}
