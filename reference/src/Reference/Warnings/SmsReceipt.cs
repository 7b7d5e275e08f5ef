namespace Reference.Warnings;

/// <summary>One delivery receipt the SMSC sent for a segment of a warning SMS: its message id, the stat: word (DELIVRD, UNDELIV, …), err: and when it came.</summary>
public sealed record SmsReceipt(string MessageId, string Stat, string Error, DateTimeOffset At);
