namespace Conformance.Harness.Targets;

/// <summary>A target file that cannot be used; the message names the file, the place in it and what to put there.</summary>
public sealed class TargetFileException(string message) : Exception(message);
