using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Operations;
using BillingOrchestrator.Web.Escalation;
using BillingOrchestrator.Web.Exceptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// Billing exceptions carry a due date from routing (<c>Exceptions:DueDates</c>, by category and amount); one still
/// without a disposition after it is notified, then reassigned to its role's escalation role, each level once and
/// recorded, audited and announced. The clock is moved, not waited for; the scans are called directly (several at once).
/// </summary>
public sealed class ExceptionEscalationTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Escalation:RunScanner"] = "false",
        ["Escalation:Paths:0:ReassignAfter"] = "PT2H",
        ["Notifications:RunWorker"] = "false",
        ["Notifications:Smtp:Host"] = "127.0.0.1",
        ["Exceptions:DueDates:DefaultDueIn"] = "3.00:00:00",
        ["Exceptions:DueDates:Rules:0:DueIn"] = "04:00:00",
    };

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task OverdueException_WithoutDisposition_NotifiedThenReassignedToEscalationRole_EachLevelOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new ShiftableClock();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), Settings, clock);
        var service = await host.ClientForAsync(OperationsHost.Service);
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var admin = await host.ClientForAsync(OperationsHost.Admin);
        await Eventually.ReturnsAsync(() => service.GetFromJsonAsync<JsonArray>("/api/escalation-paths")!, p => p!.Count == 3, "the configured paths");
        var routedAt = clock.GetUtcNow();
        await RouteAsync(host, "cycle-1", (100m, "late"), (3000m, "material"), (200m, "on time"));
        var exceptions = (await service.GetFromJsonAsync<JsonObject>("/api/exceptions?instanceId=cycle-1"))!["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var late = exceptions.Single(e => e["message"]!.GetValue<string>() == "late");
        var material = exceptions.Single(e => e["message"]!.GetValue<string>() == "material");
        var onTime = exceptions.Single(e => e["message"]!.GetValue<string>() == "on time");

        DueAt(late).ShouldBeInRange(routedAt.AddDays(3), routedAt.AddDays(3).AddMinutes(1));
        DueAt(material).ShouldBeInRange(routedAt.AddHours(4), routedAt.AddHours(4).AddMinutes(1));
        material["routedRole"]!.GetValue<string>().ShouldBe("FinanceLead");
        exceptions.ShouldAllBe(e => !e["overdue"]!.GetValue<bool>());
        (await service.PostAsJsonAsync($"/api/exceptions/{onTime.Id()}/disposition", new { disposition = "bill", reason = "billable per agreement" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(0);

        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(2));
        var overdue = (await service.GetFromJsonAsync<JsonObject>("/api/exceptions?instanceId=cycle-1&overdue=true"))!["items"]!.AsArray();
        overdue.Select(e => e!["id"]!.GetValue<string>()).Order().ShouldBe(new[] { late.Id(), material.Id() }.Order());
        overdue.ShouldAllBe(e => e!["overdue"]!.GetValue<bool>());
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(2);
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(0);
        (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions/{late.Id()}"))!["routedRole"]!.GetValue<string>().ShouldBe("ServiceManager");

        clock.Advance(TimeSpan.FromHours(2));
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(1);
        var moved = (await finance.GetFromJsonAsync<JsonObject>($"/api/exceptions/{late.Id()}"))!;
        moved["routedRole"]!.GetValue<string>().ShouldBe("FinanceLead");
        moved["routedBy"]!.GetValue<string>().ShouldStartWith("escalated from ServiceManager");
        moved["revision"]!.GetValue<long>().ShouldBe(late["revision"]!.GetValue<long>() + 1);
        (await service.PostAsJsonAsync($"/api/exceptions/{late.Id()}/disposition", new { disposition = "bill", reason = "too late" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await finance.PostAsJsonAsync($"/api/exceptions/{late.Id()}/disposition", new { disposition = "bill", reason = "stale read", expectedRevision = late["revision"]!.GetValue<long>() }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await finance.PostAsJsonAsync($"/api/exceptions/{late.Id()}/disposition", new { disposition = "bill", reason = "billable per agreement" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromDays(2));
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(1);
        (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions/{material.Id()}"))!["routedRole"]!.GetValue<string>().ShouldBe("Admin");
        (await EscalationTests.ScanConcurrentlyAsync(host, 3)).ShouldBe(0);

        var rows = await host.WithDbAsync(db => db.Set<EscalationRow>().Where(e => e.ItemKind == "exception").OrderBy(e => e.ItemId).ThenBy(e => e.Level).ToListAsync());
        rows.Select(r => (r.ItemId, r.Level, r.ToRole ?? "")).ShouldBe(
            new[] { (late.Id(), 1, "ServiceManager"), (late.Id(), 2, "FinanceLead"), (material.Id(), 1, "FinanceLead"), (material.Id(), 2, "Admin") }.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2));
        rows.ShouldAllBe(r => r.InstanceId == "cycle-1");
        (await service.GetFromJsonAsync<JsonObject>($"/api/escalations?itemId={onTime.Id()}"))!["total"]!.GetValue<int>().ShouldBe(0);
        var queued = await host.WithDbAsync(db => db.Set<NotificationRow>().Where(n => n.Key.StartsWith($"escalation:exception:{late.Id()}:")).Select(n => n.Key).ToListAsync());
        queued.Order().ShouldBe([$"escalation:exception:{late.Id()}:1:Email:service@demo.local", $"escalation:exception:{late.Id()}:2:Email:finance@demo.local", $"escalation:exception:{late.Id()}:2:Email:service@demo.local"]);
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.Where(e => e!["subject"]?.GetValue<string>() == $"exception:{late.Id()}" && e["actor"]!.GetValue<string>() == EscalationScanner.Actor)
            .Select(e => e!["action"]!.GetValue<string>()).ShouldBe(["escalations.notify", "escalations.reassign"], ignoreOrder: true);
    }

    private static DateTimeOffset DueAt(JsonObject exception) => exception["dueAt"]!.GetValue<DateTimeOffset>();

    // A validation run with one missing-time finding per (amount, message), routed through the product's own register.
    private static async Task RouteAsync(OperationsHost host, string instanceId, params (decimal Amount, string Message)[] findings)
    {
        var runId = Guid.NewGuid().ToString("N");
        await host.WithDbAsync(async db =>
        {
            db.Add(new ValidationRunRow { Id = runId, StartedBy = "test", SnapshotHash = "none", FindingCount = findings.Length, SummaryJson = "{}" });
            for (var i = 0; i < findings.Length; i++)
            {
                var finding = new Finding
                {
                    CheckId = "missing-time.closed-ticket",
                    Category = LeakageKind.MissingTime,
                    Severity = Severity.High,
                    CompanyId = 7,
                    Records = [new SourceRef(EntityKind.ServiceTicket, 1000 + i)],
                    Hours = new Hours(1m),
                    AmountAtRisk = new Money(findings[i].Amount),
                    Message = findings[i].Message,
                    SuggestedDisposition = SuggestedDisposition.FixInPsa,
                };
                db.Add(new ValidationFindingRow { RunId = runId, Sequence = i + 1, CheckId = finding.CheckId, Category = "missing-time", Severity = "High", CompanyId = 7, FindingJson = BillingJson.Serialize(finding) });
            }

            return await db.SaveChangesAsync();
        });
        await host.WithScopeAsync(sp => sp.GetRequiredService<ExceptionRegister>().OpenAsync(instanceId, "route", runId, CancellationToken.None));
    }
}
