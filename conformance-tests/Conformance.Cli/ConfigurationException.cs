namespace Conformance.Cli;

/// <summary>A command line or configuration a person must fix before anything runs; its message says what and how (exit code 2).</summary>
public sealed class ConfigurationException(string message) : Exception(message);
