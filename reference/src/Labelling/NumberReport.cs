namespace Labelling;

/// <summary>One user's report of a number (举报/标记): who reported, through which channel, with what text.</summary>
public sealed record NumberReport(string Number, LabelCategory Category, string Reporter, string Channel, string Text, DateTimeOffset At);
