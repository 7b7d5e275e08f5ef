using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Conformance.Cli.Tests;

/// <summary>
/// A scenario with an undefined step must fail `dotnet test`, never pass it quietly: the suite's specflow.json sets
/// SpecFlow's missingOrPendingStepsOutcome for that. This builds a one-feature SpecFlow project with that very file
/// (one scenario fully bound, one with a step nobody defined) and runs `dotnet test` on it.
/// </summary>
public sealed partial class UndefinedStepTests
{
    [Test]
    public void AnUndefinedStepFailsDotnetTestWhileABoundScenarioPasses()
    {
        var project = WriteProject();

        var (exit, output) = DotnetTest(project);

        Assert.That(exit, Is.Not.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(FailedCount().Match(output).Groups["n"].Value, Is.EqualTo("1"), output);
            Assert.That(PassedCount().Match(output).Groups["n"].Value, Is.EqualTo("1"), output);
            Assert.That(output, Does.Contain("Failed OneStepIsNotBound"));
            Assert.That(output, Does.Contain("No matching step definition found"));
        });
    }

    /// <summary>The project goes under this test's output folder, inside the repository, so it gets the repository's build policy and package versions.</summary>
    private static string WriteProject()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "undefined-step", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var specflowJson = Path.Combine(RepositoryRoot(), "conformance-tests", "Conformance.Specs", "specflow.json");
        File.Copy(specflowJson, Path.Combine(directory, "specflow.json"));
        File.WriteAllText(Path.Combine(directory, "UndefinedStep.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="NUnit" />
                <PackageReference Include="NUnit3TestAdapter" />
                <PackageReference Include="SpecFlow.NUnit" />
                <PackageReference Include="SpecFlow.Tools.MsBuild.Generation" />
                <None Update="specflow.json" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "Undefined.feature"), """
            Feature: Undefined steps

              Scenario: Every step is bound
                Given a step that is bound

              Scenario: One step is not bound
                Given a step that is bound
                Then a step that nobody has defined
            """);
        File.WriteAllText(Path.Combine(directory, "BoundSteps.cs"), """
            using TechTalk.SpecFlow;

            namespace UndefinedStep;

            [Binding]
            public sealed class BoundSteps
            {
                [Given("a step that is bound")]
                public static void Bound()
                {
                }
            }
            """);
        return directory;
    }

    private static (int ExitCode, string Output) DotnetTest(string project)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = project };
        foreach (var arg in new[] { "test", project, "--nologo", "-v", "q", "--logger", "console;verbosity=normal" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet test of the undefined-step project did not finish within 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conformance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Conformance.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"Failed:\s+(?<n>\d+)")]
    private static partial Regex FailedCount();

    [GeneratedRegex(@"Passed:\s+(?<n>\d+)")]
    private static partial Regex PassedCount();
}
