using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Files are the source of truth: restarts over the same database see changed files as new versions, and broken ones as errors.</summary>
public sealed class DefinitionLoadingTests
{
    [Fact]
    public async Task Restart_WithChangedBrokenAndUnchangedFiles_VersionsOnlyTheChangedOne()
    {
        var first = new ProductHost(TestDatabaseKind.Sqlite);
        await first.InitializeAsync();
        var admin = await first.ClientForAsync("admin@demo.local");
        (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{TestWorkflows.Timer.DefinitionId}"))!["version"]!.GetValue<int>().ShouldBe(1);
        var database = first.Database;
        var workflows = first.WorkflowsDirectory;
        await first.DisposeAsync();

        File.WriteAllText(Path.Combine(workflows, TestWorkflows.Timer.DefinitionId + ".json"), TestWorkflows.Timer.Json.Replace("PT0.5S", "PT2S", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(workflows, TestWorkflows.Event.DefinitionId + ".json"), TestWorkflows.Event.Json.Replace("\"Event\"", "\"Evnt\"", StringComparison.Ordinal));

        await using var second = new ReusingHost(database, workflows);
        await second.InitializeAsync();
        admin = await second.ClientForAsync("admin@demo.local");

        var timer = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{TestWorkflows.Timer.DefinitionId}"))!;
        timer["version"]!.GetValue<int>().ShouldBe(2);
        timer["definition"]!["activities"]![0]!["delay"]!.GetValue<string>().ShouldBe("PT2S");
        var eventDefinition = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{TestWorkflows.Event.DefinitionId}"))!;
        eventDefinition["version"]!.GetValue<int>().ShouldBe(1);
        eventDefinition["isPublished"]!.GetValue<bool>().ShouldBeTrue();
        (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{TestWorkflows.Approval.DefinitionId}"))!["version"]!.GetValue<int>().ShouldBe(1);
        var errors = (await admin.GetFromJsonAsync<JsonArray>("/api/workflow-definitions/load-errors"))!;
        var error = errors.Single()!;
        error["source"]!.GetValue<string>().ShouldBe("test-event.json");
        error["path"]!.GetValue<string>().ShouldBe("$.activities[0].type");
        error["message"]!.GetValue<string>().ShouldContain("unknown activity type 'Evnt'");
        var versions = (await admin.GetFromJsonAsync<JsonArray>($"/api/workflow-definitions/{TestWorkflows.Timer.DefinitionId}/versions"))!;
        versions.Select(v => (v!["version"]!.GetValue<int>(), v["isPublished"]!.GetValue<bool>(), v["isLatest"]!.GetValue<bool>())).ShouldBe([(2, true, true), (1, false, false)]);

        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = TestWorkflows.Event.DefinitionId });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var scope = second.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().ListVersionsAsync(TestWorkflows.Event.DefinitionId, CancellationToken.None)).Count.ShouldBe(1);
    }

    /// <summary>A second host over the first one's database and workflow folder, as after a restart.</summary>
    private sealed class ReusingHost(TestDatabase database, string workflows) : ProductHost(database.Kind)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in database.Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Workflows:Directory", workflows);
        }
    }
}
