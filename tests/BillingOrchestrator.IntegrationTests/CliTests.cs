using System.Text.Json.Nodes;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The batch CLI as a user runs it: a real process, its exit code, its output files.</summary>
public sealed class CliTests
{
    private static string Fixtures()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "BillingOrchestrator.Integrations.Tests", "Fixtures", "site");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("ConnectWise fixtures not found.");
    }

    private static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) => CliProcess.RunAsync(args);

    [Fact]
    public async Task Validate_ExportFolder_WritesJsonFindingsWithTheDocumentedFieldNames()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bo-cli-").FullName, "findings.json");

        var (exit, output, errors) = await RunAsync("validate", "--source", Fixtures(), "--format", "json", "--out", file);

        exit.ShouldBe(0, errors);
        output.ShouldContain("money at risk");
        errors.ShouldContain("[3/3] checking");
        var findings = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsArray();
        findings.Count.ShouldBeGreaterThan(0);
        foreach (var name in new[] { "checkId", "category", "severity", "companyId", "timeEntryIds", "hours", "amountAtRisk", "message" })
        {
            findings[0]!.AsObject().ContainsKey(name).ShouldBeTrue(name);
        }
    }

    [Theory]
    [InlineData("validate", "--source", "/no/such/folder")]
    [InlineData("validate", "--period", "October")]
    [InlineData("validate", "--source", ".", "--format", "xml")]
    [InlineData("explode")]
    public async Task BadInput_ExitsWithCode2AndAClearMessage(params string[] args)
    {
        var (exit, _, errors) = await RunAsync(args);

        exit.ShouldBe(2);
        errors.ShouldStartWith("billing-orchestrator: ");
    }
}
