using Reference;

var app = ReferenceApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; partial so that tests can host the node with WebApplicationFactory.</summary>
public partial class Program;
