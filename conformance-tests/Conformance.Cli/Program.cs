using Conformance.Cli;

return await CliApp.RunAsync(args);
