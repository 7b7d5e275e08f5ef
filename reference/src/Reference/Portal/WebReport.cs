using Labelling;

namespace Reference.Portal;

/// <summary>
/// A report (举报) filed on the public pages, by a visitor no one has verified: kept with the id the visitor follows it
/// by, for the carrier to review. It never counts towards a label on its own: labels count verified reporters only.
/// </summary>
public sealed record WebReport(string Id, string Number, LabelCategory Category, string Text, DateTimeOffset ReceivedAt, string State)
{
    public const string Received = "received";
}
