using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// No way around a quality gate: out of order, before the step's work is submitted, by the submitter, by a wrong role or
/// without evidence, the API refuses with the reason and the task stays open.
/// </summary>
public abstract class GateBypassTests(ProductHost host)
{
    private async Task<(HttpClient Finance, HttpClient Service, string InstanceId)> StartAsync()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var service = await host.ClientForAsync("service@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Bypass.DefinitionId);
        return (finance, service, instance.Id());
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain(reason);
    }

    private static async Task ShouldStillBeOpenAsync(HttpClient client, string instanceId, string activityId) =>
        (await client.WaitForTaskAsync(instanceId, activityId))["status"]!.GetValue<string>().ShouldNotBe("Completed");

    [Fact]
    public async Task LaterStepTask_BeforeTheEarlierGateIsApproved_IsRefused409()
    {
        var (finance, _, instanceId) = await StartAsync();
        var later = await finance.WaitForTaskAsync(instanceId, "s2-work");

        var refused = await finance.CompleteAsync(later, "Done");

        await ShouldBeRefusedAsync(refused, HttpStatusCode.Conflict, "quality gate of step 1");
        await ShouldStillBeOpenAsync(finance, instanceId, "s2-work");
    }

    [Fact]
    public async Task Gate_ApprovedBeforeTheStepIsSubmitted_IsRefused409()
    {
        var (_, service, instanceId) = await StartAsync();
        var gate = await service.WaitForTaskAsync(instanceId, "s1-gate");

        var refused = await service.CompleteAsync(gate, "Approved");

        await ShouldBeRefusedAsync(refused, HttpStatusCode.Conflict, "cannot be approved before");
        await ShouldStillBeOpenAsync(service, instanceId, "s1-gate");
    }

    [Fact]
    public async Task Gate_ApprovedByThePersonWhoSubmittedTheStep_IsRefused409()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var instanceId = (await admin.StartAsync(TestWorkflows.Bypass.DefinitionId)).Id();
        (await admin.CompleteAsync(await admin.WaitForTaskAsync(instanceId, "s1-work"), "Done", new { summary = "catalog defined" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await host.ClientForAsync("finance@demo.local")).AttachNoteAsync(instanceId, "s1-work", "owner list reviewed");

        var refused = await admin.CompleteAsync(await admin.WaitForTaskAsync(instanceId, "s1-gate"), "Approved");

        await ShouldBeRefusedAsync(refused, HttpStatusCode.Conflict, "Two-person rule: you submitted");
        await ShouldStillBeOpenAsync(admin, instanceId, "s1-gate");
    }

    [Fact]
    public async Task Gate_ApprovedByARoleOtherThanTheApprover_IsRefused403()
    {
        var (finance, _, instanceId) = await StartAsync();
        var gate = await finance.GetFromJsonAsync<JsonObject>($"/api/tasks?instanceId={instanceId}&pageSize=10");
        var gateTask = (await (await host.ClientForAsync("admin@demo.local")).WaitForTaskAsync(instanceId, "s1-gate"));

        var refused = await finance.CompleteAsync(gateTask, "Approved");

        gate!["items"]!.AsArray().ShouldNotContain(t => t!["activityId"]!.GetValue<string>() == "s1-gate", "a finance lead does not even see the service managers' gate");
        await ShouldBeRefusedAsync(refused, HttpStatusCode.Forbidden, "ServiceManager");
    }

    [Fact]
    public async Task Gate_WithoutEvidenceForTheStep_IsRefused409_ThenPassesOnceEvidenceIsCaptured()
    {
        var (finance, service, instanceId) = await StartAsync();
        (await finance.CompleteAsync(await finance.WaitForTaskAsync(instanceId, "s1-work"), "Done", new { summary = "catalog defined" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var gate = await service.WaitForTaskAsync(instanceId, "s1-gate");

        var refused = await service.CompleteAsync(gate, "Approved");
        await ShouldBeRefusedAsync(refused, HttpStatusCode.Conflict, "No evidence captured for step 1");
        await finance.AttachNoteAsync(instanceId, "s1-work", "catalog completeness reviewed");
        var approved = await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, "s1-gate"), "Approved");

        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var evidence = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        var note = evidence.Single(e => e!["kind"]!.GetValue<string>() == "Note")!;
        note["step"]!.GetValue<int>().ShouldBe(1);
        note["gateId"]!.GetValue<string>().ShouldBe("s1-gate");
        note["activityId"]!.GetValue<string>().ShouldBe("s1-work");
    }
}

public sealed class GateBypassTestsOnSqlite(SqliteProductHost host) : GateBypassTests(host), IClassFixture<SqliteProductHost>;

public sealed class GateBypassTestsOnPostgres(PostgresProductHost host) : GateBypassTests(host), IClassFixture<PostgresProductHost>;
