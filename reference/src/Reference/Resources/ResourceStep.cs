namespace Reference.Resources;

/// <summary>
/// What a change of the <see cref="ResourceLedger"/> decided under its lock: an answer given at once (a refusal, or
/// nothing to change), or a write to await and the change it then makes in memory before answering.
/// </summary>
internal sealed record ResourceStep<T>(T Answer, Func<Task>? Write = null, Action? Apply = null);
