using Labelling;
using Screening;
using Sip;

namespace Reference.LabelService;

/// <summary>
/// Puts a labelled caller's label on the forwarded INVITE, in the form LAB-SIG-001 specifies:
/// the category's Chinese name as the display name of P-Asserted-Identity (added from From when absent), and
/// <c>Call-Info: &lt;urn:label:CODE&gt;;purpose=label;category=CODE;source=SOURCE;count=N</c>.
/// </summary>
public sealed class LabelHeaders(LabelBook book, TimeProvider time) : IForwardDecorator
{
    public void Decorate(CallAttempt call, SipRequest invite)
    {
        if (book.Lookup(call.Caller.National, time.GetUtcNow()) is not { } label)
        {
            return;
        }

        var identity = NameAddress.TryParse(invite.Headers.FirstValue(HeaderNames.PAssertedIdentity), out var asserted) ? asserted
            : invite.From is { } from ? new NameAddress { Uri = from.Uri }
            : null;
        if (identity is not null)
        {
            invite.Headers.ReplaceFirstValue(HeaderNames.PAssertedIdentity, new NameAddress { DisplayName = label.Category.ChineseName(), Uri = identity.Uri }.ToString());
        }

        invite.Headers.Add(HeaderNames.CallInfo, Format(label));
    }

    public static string Format(Label label) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"<urn:label:{label.Category.Code()}>;purpose=label;category={label.Category.Code()};source={label.Source.Code()};count={label.Count}");
}
