namespace Reference.Cluster;

/// <summary>
/// One Redis reply as <see cref="RespConnection"/> reads it: an integer (or an array's first two integers), or an error.
/// </summary>
internal readonly record struct RespReply(long Integer, long Second, string? Error);
