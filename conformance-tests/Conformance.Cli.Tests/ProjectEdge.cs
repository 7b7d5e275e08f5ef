namespace Conformance.Cli.Tests;

/// <summary>One ProjectReference: the project referenced, and whether it only orders the build (ReferenceOutputAssembly="false").</summary>
public sealed record ProjectEdge(string To, bool BuildOnly);
