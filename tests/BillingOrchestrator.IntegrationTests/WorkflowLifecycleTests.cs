using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Instances through the REST API, end to end, on each database.</summary>
public abstract class WorkflowLifecycleTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";
    private const string Admin = "admin@demo.local";

    [Fact]
    public async Task Approval_ApprovedThroughGateWithEvidence_FinishesWithOneSideEffect()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 1200 });

        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        (await finance.CompleteAsync(review, "Approve", new { reason = "scope confirmed" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var gate = await service.WaitForTaskAsync(instance.Id(), "gate");
        gate["kind"]!.GetValue<string>().ShouldBe("QualityGate");
        var report = await finance.AttachNoteAsync(instance.Id(), "gate", "Validation report reviewed");
        (await service.CompleteAsync(gate, "Approved", new { evidence = new { report } })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var finished = await finance.WaitForSubStatusAsync(instance.Id(), "Finished");
        finished["status"]!.GetValue<string>().ShouldBe("Finished");
        finished["variables"]!["review"]!["outcome"]!.GetValue<string>().ShouldBe("Approve");
        finished["variables"]!["review"]!["completedBy"]!.GetValue<string>().ShouldBe(Finance);
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);
        var events = (await finance.JournalAsync(instance.Id())).Select(e => e!["event"]!.GetValue<string>()).ToList();
        events.First().ShouldBe("InstanceStarted");
        events.Last().ShouldBe("InstanceFinished");
        events.Count(e => e == "TaskCompleted").ShouldBe(2);
    }

    [Fact]
    public async Task QualityGate_ApprovedWithoutRequiredEvidence_IsRefusedAndStaysOpen()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        await finance.CompleteAsync(await finance.WaitForTaskAsync(instance.Id(), "review"), "Approve", new { reason = "ok" });
        var gate = await service.WaitForTaskAsync(instance.Id(), "gate");

        var response = await service.CompleteAsync(gate, "Approved");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["errors"]!.AsObject().ContainsKey("data.evidence.report").ShouldBeTrue();
        var again = await service.WaitForTaskAsync(instance.Id(), "gate");
        again["revision"]!.GetValue<long>().ShouldBe(gate["revision"]!.GetValue<long>());
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(0);
    }

    [Fact]
    public async Task CompleteTask_WithStaleRevision_Returns409AndChangesNothing()
    {
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        var claim = await finance.PostAsJsonAsync($"/api/tasks/{review.Id()}/claim", new { expectedRevision = 1, operationId = "claim-1" });
        claim.StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await finance.CompleteAsync(review, "Approve", new { reason = "x" }, expectedRevision: 1);

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("revision 2, not 1");
        var task = await finance.WaitForTaskAsync(instance.Id(), "review");
        task["status"]!.GetValue<string>().ShouldBe("Assigned");
        task["assignee"]!.GetValue<string>().ShouldBe(Finance);
    }

    [Fact]
    public async Task CompleteTask_SameOperationIdTwice_ReturnsFirstResultAndRunsOnce()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        var first = await finance.CompleteAsync(review, "Approve", new { reason = "a" }, operationId: "op-same");
        var second = await finance.CompleteAsync(review, "Reject", new { reason = "b" }, operationId: "op-same");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondBody = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        secondBody["outcome"]!.GetValue<string>().ShouldBe("Approve");
        await service.WaitForTaskAsync(instance.Id(), "gate");
        var journal = await finance.JournalAsync(instance.Id());
        journal.Count(e => e!["event"]!.GetValue<string>() == "TaskCompleted").ShouldBe(1);
    }

    [Fact]
    public async Task ParallelCompletions_OfOneTask_ExactlyOneWinsTheRestGet409()
    {
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        var attempts = Enumerable.Range(0, 24).Select(i => finance.CompleteAsync(review, i % 2 == 0 ? "Approve" : "Reject", new { reason = $"r{i}" }, operationId: $"parallel-{i}"));
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(23);
        var journal = await finance.JournalAsync(instance.Id());
        journal.Count(e => e!["event"]!.GetValue<string>() == "TaskCompleted").ShouldBe(1);
        journal.Count(e => e!["event"]!.GetValue<string>() == "ActivityResumed").ShouldBe(1);
    }

    [Fact]
    public async Task CompleteTask_ByUserOutsideTheTaskRole_Returns403()
    {
        var finance = await host.ClientForAsync(Finance);
        var psa = await host.ClientForAsync("psa-admin@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        var response = await psa.CompleteAsync(review, "Approve", new { reason = "not mine" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ForkJoin_ContinuesOnlyAfterBothBranchesArrive()
    {
        var psa = await host.ClientForAsync("psa-admin@demo.local");
        var instance = await psa.StartAsync(TestWorkflows.ForkJoin.DefinitionId);
        var person = await psa.WaitForTaskAsync(instance.Id(), "person");
        await Eventually.ReturnsAsync(() => host.CountEffectsAsync(instance.Id()), n => n == 1, "the automated branch");

        (await psa.GetInstanceAsync(instance.Id()))["subStatus"]!.GetValue<string>().ShouldBe("Suspended");
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);

        (await psa.CompleteAsync(person, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await psa.WaitForSubStatusAsync(instance.Id(), "Finished");
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(2);
    }

    [Fact]
    public async Task Timer_SuspendsThenResumesByItself()
    {
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Timer.DefinitionId);

        var suspended = await finance.WaitForSubStatusAsync(instance.Id(), "Suspended");
        suspended["currentActivities"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["wait"]);
        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);
    }

    [Fact]
    public async Task FlakyAction_IsRetriedPerPolicy_RecordsIncidentsAndFinishes()
    {
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Flaky.DefinitionId);

        var finished = await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        finished["incidentCount"]!.GetValue<int>().ShouldBe(2);
        var incidents = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instance.Id()}/incidents"))!;
        incidents.Select(i => i!["attempt"]!.GetValue<int>()).ShouldBe([1, 2]);
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);
    }

    [Fact]
    public async Task FailingAction_FaultsAfterRetries_AdminRetryFinishesIt()
    {
        var finance = await host.ClientForAsync(Finance);
        var admin = await host.ClientForAsync(Admin);
        host.Switch.Failing = true;
        var instance = await finance.StartAsync(TestWorkflows.Failing.DefinitionId);

        var faulted = await finance.WaitForSubStatusAsync(instance.Id(), "Faulted");
        faulted["incidentCount"]!.GetValue<int>().ShouldBe(2);
        faulted["faultedActivities"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["call"]);
        (await finance.PostAsync($"/api/workflow-instances/{instance.Id()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        host.Switch.Failing = false;
        (await admin.PostAsync($"/api/workflow-instances/{instance.Id()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);
        var journal = await admin.JournalAsync(instance.Id());
        journal.Single(e => e!["event"]!.GetValue<string>() == "InstanceRetried")!["actor"]!.GetValue<string>().ShouldBe(Admin);
    }

    [Fact]
    public async Task Event_ResumesOnlyTheCorrelatedInstance_WithItsPayload()
    {
        var finance = await host.ClientForAsync(Finance);
        var waiting = await finance.StartAsync(TestWorkflows.Event.DefinitionId, correlationId: "inv-1001");
        var other = await finance.StartAsync(TestWorkflows.Event.DefinitionId, correlationId: "inv-2002");
        await finance.WaitForSubStatusAsync(waiting.Id(), "Suspended");
        await finance.WaitForSubStatusAsync(other.Id(), "Suspended");

        var response = await finance.PostAsJsonAsync("/api/workflow-events", new { name = "payment-received", correlationId = "inv-1001", payload = new { amount = 42.5 } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var finished = await finance.WaitForSubStatusAsync(waiting.Id(), "Finished");
        finished["variables"]!["payment"]!["amount"]!.GetValue<decimal>().ShouldBe(42.5m);
        (await finance.GetInstanceAsync(other.Id()))["subStatus"]!.GetValue<string>().ShouldBe("Suspended");
    }

    [Fact]
    public async Task Migrate_ToNewerVersion_ContinuesFromCurrentTaskWithoutRerunningFinishedWork()
    {
        var admin = await host.ClientForAsync(Admin);
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Migration.DefinitionId);
        var t1 = await finance.WaitForTaskAsync(instance.Id(), "t1");
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(1);

        var draft = await admin.PostAsync("/api/workflow-definitions", new StringContent(TestWorkflows.Migration.V2Json, System.Text.Encoding.UTF8, "application/json"));
        draft.StatusCode.ShouldBe(HttpStatusCode.Created);
        var published = await admin.PostAsync($"/api/workflow-definitions/{TestWorkflows.Migration.DefinitionId}/publish", null);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);
        var v2 = (await published.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        v2.ShouldBe(2);

        var migrated = await admin.PostAsJsonAsync($"/api/workflow-instances/{instance.Id()}/migrate", new { targetVersion = v2 });
        migrated.StatusCode.ShouldBe(HttpStatusCode.OK, await migrated.Content.ReadAsStringAsync());
        (await finance.CompleteAsync(t1, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await finance.WaitForTaskAsync(instance.Id(), "t2");

        (await finance.GetInstanceAsync(instance.Id()))["definitionVersion"]!.GetValue<int>().ShouldBe(2);
        (await host.CountEffectsAsync(instance.Id())).ShouldBe(2);
        var journal = await admin.JournalAsync(instance.Id());
        journal.Count(e => e!["event"]!.GetValue<string>() == "ActivityCompleted" && e["activityId"]!.GetValue<string>() == "start").ShouldBe(1);
        journal.Count(e => e!["event"]!.GetValue<string>() == "InstanceMigrated").ShouldBe(1);
        File.ReadAllText(Path.Combine(host.WorkflowsDirectory, TestWorkflows.Migration.DefinitionId + ".json")).ShouldContain("\"check\"");
    }

    [Fact]
    public async Task Cancel_ByAdmin_CancelsOpenTasksAndFinishesInstance()
    {
        var admin = await host.ClientForAsync(Admin);
        var finance = await host.ClientForAsync(Finance);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        (await admin.PostAsJsonAsync($"/api/workflow-instances/{instance.Id()}/cancel", new { reason = "duplicate" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var cancelled = await finance.GetInstanceAsync(instance.Id());
        cancelled["subStatus"]!.GetValue<string>().ShouldBe("Cancelled");
        (await finance.TasksAsync(instance.Id())).Single()!["status"]!.GetValue<string>().ShouldBe("Cancelled");
        (await finance.CompleteAsync(review, "Approve", new { reason = "late" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Start_WithUndeclaredOrMistypedInput_Returns400NamingEachField()
    {
        var finance = await host.ClientForAsync(Finance);
        var listUrl = $"/api/workflow-instances?definitionId={TestWorkflows.Approval.DefinitionId}";
        var before = (await finance.GetFromJsonAsync<JsonObject>(listUrl))!["total"]!.GetValue<int>();

        var response = await finance.PostAsJsonAsync("/api/workflow-instances", new { definitionId = TestWorkflows.Approval.DefinitionId, input = new { amount = "lots", colour = "red" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["input.amount", "input.colour"]);
        (await finance.GetFromJsonAsync<JsonObject>(listUrl))!["total"]!.GetValue<int>().ShouldBe(before);
    }

    [Fact]
    public async Task PostDefinition_Invalid_Returns400WithJsonPathAndStoresNothing()
    {
        var admin = await host.ClientForAsync(Admin);
        const string broken = """{ "definitionId": "bad-one", "name": "Bad", "activities": [ { "id": "a", "type": "Teleport" } ] }""";

        var response = await admin.PostAsync("/api/workflow-definitions", new StringContent(broken, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.ContainsKey("$.activities[0].type").ShouldBeTrue();
        (await admin.GetAsync("/api/workflow-definitions/bad-one?version=latest")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

public sealed class WorkflowLifecycleTestsOnSqlite(SqliteProductHost host) : WorkflowLifecycleTests(host), IClassFixture<SqliteProductHost>;

public sealed class WorkflowLifecycleTestsOnPostgres(PostgresProductHost host) : WorkflowLifecycleTests(host), IClassFixture<PostgresProductHost>;
