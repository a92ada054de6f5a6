using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// billing-exception-approval (not a step-numbered playbook definition): its materiality threshold comes from
/// <c>Exceptions:MaterialityThreshold</c>, never from a start input, and its confirmation declares the two-person rule,
/// which holds for admins too.
/// </summary>
public sealed class TwoPersonRuleTests(TwoPersonRuleTests.Host host) : IClassFixture<TwoPersonRuleTests.Host>
{
    private const string DefinitionId = "billing-exception-approval";

    /// <summary>The product's definitions with a materiality threshold of 1,000 configured.</summary>
    public sealed class Host() : ProductHost(TestDatabaseKind.Sqlite)
    {
        protected override bool LoadProductWorkflows => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Exceptions:MaterialityThreshold", "1000");
        }
    }

    [Fact]
    public async Task Start_SettingTheMaterialityThreshold_Is400NamingIt_AndWritesNoInstance()
    {
        var service = await host.ClientForAsync("service@demo.local");
        var before = await host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == DefinitionId));

        var response = await service.PostAsJsonAsync("/api/workflow-instances", new { definitionId = DefinitionId, input = new { amount = 5000, exceptionId = "EX-1", materialityThreshold = 99999999 } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["input.materialityThreshold"]);
        errors["input.materialityThreshold"]!.ToJsonString().ShouldContain("Exceptions:MaterialityThreshold");
        (await host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == DefinitionId))).ShouldBe(before);
    }

    [Fact]
    public async Task MaterialityThreshold_ComesFromConfiguration()
    {
        var service = await host.ClientForAsync("service@demo.local");
        var below = await service.StartAsync(DefinitionId, new { amount = 900, exceptionId = "EX-2" });
        var above = await service.StartAsync(DefinitionId, new { amount = 1200, exceptionId = "EX-3" });

        below["variables"]!["materialityThreshold"]!.GetValue<decimal>().ShouldBe(1000m);
        (await service.CompleteAsync(await service.WaitForTaskAsync(below.Id(), "review"), "Bill", new { reason = "billable" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.CompleteAsync(await service.WaitForTaskAsync(above.Id(), "review"), "Bill", new { reason = "billable" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await service.WaitForSubStatusAsync(below.Id(), "Finished");
        (await service.JournalAsync(below.Id())).ShouldNotContain(j => j!["activityId"] != null && j["activityId"]!.GetValue<string>() == "confirm");
        (await (await host.ClientForAsync("finance@demo.local")).WaitForTaskAsync(above.Id(), "confirm"))["status"]!.GetValue<string>().ShouldBe("Available");
    }

    [Fact]
    public async Task Confirm_ByTheAdminWhoCompletedTheReview_Is409_AndAnotherPersonConfirms()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var instance = await admin.StartAsync(DefinitionId, new { amount = 5000, exceptionId = "EX-4" });
        (await admin.CompleteAsync(await admin.WaitForTaskAsync(instance.Id(), "review"), "WriteOff", new { reason = "goodwill" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirm = await admin.WaitForTaskAsync(instance.Id(), "confirm");

        var bySameAdmin = await admin.CompleteAsync(confirm, "Confirm");

        bySameAdmin.StatusCode.ShouldBe(HttpStatusCode.Conflict, await bySameAdmin.Content.ReadAsStringAsync());
        (await bySameAdmin.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("Two-person rule");
        var still = (await admin.GetFromJsonAsync<JsonObject>($"/api/tasks/{confirm.Id()}"))!;
        still["status"]!.GetValue<string>().ShouldBe("Available");
        still["revision"]!.GetValue<long>().ShouldBe(confirm["revision"]!.GetValue<long>());

        var finance = await host.ClientForAsync("finance@demo.local");
        (await finance.CompleteAsync(confirm, "Confirm")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.WaitForSubStatusAsync(instance.Id(), "Finished");
    }
}
