using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The exception dashboard's summary finds each kind of trouble the product records, and nothing that is fine.</summary>
public abstract class OperationsHealthTests(ProductHost host)
{
    [Fact]
    public async Task HealthSummary_ListsTheOverdueGate_TheFailedSync_TheFaultedInstance_AndTheFailedNotification()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var service = await host.ClientForAsync("service@demo.local");
        var auditor = await host.ClientForAsync("auditor@demo.local");

        // A faulted instance: its action fails on both attempts.
        host.Switch.Failing = true;
        var failing = await finance.StartAsync(TestWorkflows.Failing.DefinitionId);
        await finance.WaitForSubStatusAsync(failing.Id(), "Faulted");
        host.Switch.Failing = false;

        // A gate that is due and still waiting, and one that is open but not yet due.
        var approval = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var review = await finance.WaitForTaskAsync(approval.Id(), "review");
        (await finance.CompleteAsync(review, "Approve", new { reason = "ok" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var gate = await service.WaitForTaskAsync(approval.Id(), "gate");
        var due = DateTimeOffset.UtcNow.AddHours(-3);
        await host.WithDbAsync(db => db.Set<UserTask>().Where(t => t.Id == gate.Id()).ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, due)));
        var notYet = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var notYetReview = await finance.WaitForTaskAsync(notYet.Id(), "review");
        var later = DateTimeOffset.UtcNow.AddDays(2);
        await host.WithDbAsync(db => db.Set<UserTask>().Where(t => t.Id == notYetReview.Id()).ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, later)));

        // A sync that stopped on rejected credentials, one that worked, and a notification that gave up.
        await host.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Add(new PsaSyncRow { Id = "sync-failed", Kind = "connectwise-sync", StartedAt = now.AddMinutes(-5), FinishedAt = now.AddMinutes(-4), Succeeded = false, StartedBy = "psa-admin@demo.local", ReportJson = """{"error":"ConnectWise rejected the credentials (401)","problems":[]}""" });
            db.Add(new PsaSyncRow { Id = "sync-ok", Kind = "connectwise-sync", StartedAt = now.AddMinutes(-3), FinishedAt = now.AddMinutes(-2), Succeeded = true, StartedBy = "psa-admin@demo.local", ReportJson = "{}" });
            db.Add(new NotificationRow { Id = "n-failed", Key = "k-failed", Event = "task.created", Channel = "smtp", Recipient = "service@demo.local", Subject = "s", Body = "b", Status = "Failed", Attempts = 5, LastError = "550 mailbox unavailable", NextAttemptAt = now });
            db.Add(new NotificationRow { Id = "n-sent", Key = "k-sent", Event = "task.created", Channel = "smtp", Recipient = "finance@demo.local", Subject = "s", Body = "b", Status = "Sent", Attempts = 1, NextAttemptAt = now });
            return await db.SaveChangesAsync();
        });

        var summary = (await auditor.GetFromJsonAsync<JsonObject>("/api/operations/health-summary"))!;

        var stuck = summary["stuckGates"]!.AsArray();
        stuck.Select(s => s!["taskId"]!.GetValue<string>()).ShouldBe([gate.Id()]);
        stuck[0]!["kind"]!.GetValue<string>().ShouldBe("QualityGate");
        stuck[0]!["hoursOverdue"]!.GetValue<double>().ShouldBeInRange(2.9, 3.5);

        var syncs = summary["failedSyncs"]!.AsArray();
        syncs.Select(s => s!["id"]!.GetValue<string>()).ShouldBe(["sync-failed"]);
        syncs[0]!["error"]!.GetValue<string>().ShouldBe("ConnectWise rejected the credentials (401)");

        var faulted = summary["faultedInstances"]!.AsArray();
        var instance = faulted.Single(f => f!["instanceId"]!.GetValue<string>() == failing.Id())!;
        instance["state"]!.GetValue<string>().ShouldBe("Faulted");
        instance["incidents"]!.GetValue<int>().ShouldBe(2);
        instance["activityId"]!.GetValue<string>().ShouldBe("call");
        instance["retryUrl"]!.GetValue<string>().ShouldBe($"/api/workflow-instances/{failing.Id()}/retry");
        faulted.ShouldNotContain(f => f!["instanceId"]!.GetValue<string>() == approval.Id());

        var notifications = summary["failedNotifications"]!.AsArray();
        notifications.Single(n => n!["id"]!.GetValue<string>() == "n-failed")!["lastError"]!.GetValue<string>().ShouldBe("550 mailbox unavailable");
        notifications.ShouldNotContain(n => n!["id"]!.GetValue<string>() == "n-sent");
        summary["allClear"]!.GetValue<bool>().ShouldBeFalse();

        // The retry the summary points at works for an admin, and the instance then leaves the list.
        var admin = await host.ClientForAsync("admin@demo.local");
        (await admin.PostAsync(instance["retryUrl"]!.GetValue<string>(), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.WaitForSubStatusAsync(failing.Id(), "Finished");
        var after = (await auditor.GetFromJsonAsync<JsonObject>("/api/operations/health-summary"))!;
        after["faultedInstances"]!.AsArray().ShouldNotContain(f => f!["instanceId"]!.GetValue<string>() == failing.Id());
    }

    [Fact]
    public async Task HealthSummary_IsRefusedToServiceManagersAndPsaAdmins()
    {
        foreach (var email in new[] { "service@demo.local", "psa-admin@demo.local" })
        {
            var client = await host.ClientForAsync(email);
            (await client.GetAsync("/api/operations/health-summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}

public sealed class OperationsHealthTestsOnSqlite(SqliteProductHost host) : OperationsHealthTests(host), IClassFixture<SqliteProductHost>;

public sealed class OperationsHealthTestsOnPostgres(PostgresProductHost host) : OperationsHealthTests(host), IClassFixture<PostgresProductHost>;
