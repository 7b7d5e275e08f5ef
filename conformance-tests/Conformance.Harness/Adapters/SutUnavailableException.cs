namespace Conformance.Harness.Adapters;

/// <summary>The harness could not reach a verdict because the system under test was not there to ask: inconclusive, not failed.</summary>
public sealed class SutUnavailableException(string message) : Exception(message);
