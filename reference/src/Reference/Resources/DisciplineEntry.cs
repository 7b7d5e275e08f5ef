namespace Reference.Resources;

/// <summary>
/// An entry of the joint-discipline list (一处失信，处处受限): the enterprise, the carrier that listed it (the account
/// of the key that published it, never a field of the request), why and when. Every carrier reads every entry.
/// </summary>
public sealed record DisciplineEntry(string Id, string Enterprise, string Carrier, string Reason, DateTimeOffset ListedAt);
